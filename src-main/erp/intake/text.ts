/**
 * Text clean-up shared by every intake stage: full-width ASCII (`ＡＢＣ１２３＋－`) and the ideographic space into
 * half-width, invisible characters (zero-width spaces, BOM, control characters) removed, runs of white space and
 * empty lines collapsed into one space. Everything else (CJK, emoji, `<b>`, `'; DROP TABLE`) is kept verbatim.
 */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

// Zero-width characters, BOM, C0/C1 controls (tab, CR and LF are folded into spaces below instead).
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Half-width, invisible characters removed, white space (newlines and empty lines too) collapsed, trimmed. */
export function cleanText(text: string): string {
  return toHalfWidth(text).replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** {@link cleanText} for optional values: one that cleans to nothing counts as absent. */
export function cleanOptional(text: string | null | undefined): string | undefined {
  if (text === null || text === undefined) return undefined;
  const cleaned = cleanText(text);
  return cleaned === '' ? undefined : cleaned;
}
