/** Measures text in ems (multiply by the font size for a width). */
export type EmMeasure = (text: string) => number;

/** Font metrics the fitter needs, per em. */
export interface FitFont {
  emWidth: EmMeasure;
  ascentEm: number;
  descentEm: number;
}

/** A box of text to fit. All lengths in mm, font sizes in mm (em size). */
export interface FitRequest {
  text: string;
  widthMm: number;
  heightMm: number;
  fontSizeMm: number;
  /** Shrink down to this size before truncating. */
  minFontSizeMm: number;
  lineHeight: number;
  wrap: boolean;
  maxLines?: number | undefined;
}

/** The fitted text: the size chosen and the lines, each at most `widthMm` wide. */
export interface FitResult {
  fontSizeMm: number;
  lines: string[];
  truncated: boolean;
}

/** Step between tried font sizes, in mm (0.5 pt). */
const SIZE_STEP_MM = 0.5 * (25.4 / 72);
const ELLIPSIS = '…';

/** Closing punctuation: never starts a line, sticks to what precedes it. */
const NO_LINE_START = new Set([...'，。、；：？！）」』】》〉〕’”,.;:!?)]}%…·']);
/** Opening punctuation: never ends a line, sticks to what follows it. */
const NO_LINE_END = new Set([...'（「『【《〈〔‘“([{']);

function isBreakableEverywhere(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) || // CJK radicals, kana, unified ideographs
    (cp >= 0xac00 && cp <= 0xd7af) || // Hangul
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

/**
 * Splits a paragraph into unbreakable atoms: a Latin word with its trailing spaces, or one CJK character, with
 * closing punctuation glued to the atom before it and opening punctuation to the atom after it.
 */
export function atomize(paragraph: string): string[] {
  const atoms: string[] = [];
  let current = '';
  let pendingOpen = '';
  const flush = (): void => {
    if (current) atoms.push(current);
    current = '';
  };
  for (const ch of paragraph) {
    const cp = ch.codePointAt(0) ?? 0;
    if (NO_LINE_START.has(ch)) {
      if (current) current += ch;
      else if (atoms.length > 0) atoms[atoms.length - 1] += ch;
      else current = ch;
      continue;
    }
    if (NO_LINE_END.has(ch)) {
      flush();
      pendingOpen += ch;
      continue;
    }
    if (ch === ' ') {
      current += ch;
      continue;
    }
    if (isBreakableEverywhere(cp)) {
      flush();
      atoms.push(pendingOpen + ch);
      pendingOpen = '';
      continue;
    }
    // Part of a Latin word: a new word starts after a space.
    if (current.endsWith(' ')) flush();
    current += pendingOpen + ch;
    pendingOpen = '';
  }
  current += pendingOpen;
  flush();
  return atoms;
}

/** Greedy line breaking of one paragraph to lines no wider than `maxEm`. */
export function wrapParagraph(paragraph: string, maxEm: number, measure: EmMeasure): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (): void => {
    lines.push(line.trimEnd());
    line = '';
  };
  for (const atom of atomize(paragraph)) {
    const candidate = line + atom;
    if (measure(candidate.trimEnd()) <= maxEm) {
      line = candidate;
      continue;
    }
    if (line.trim() !== '') push();
    if (measure(atom.trimEnd()) <= maxEm) {
      line = atom.trimStart();
      continue;
    }
    // A word wider than the line: break it between characters.
    for (const ch of atom) {
      if (line !== '' && measure((line + ch).trimEnd()) > maxEm) push();
      if (line === '' && ch === ' ') continue;
      line += ch;
    }
  }
  if (line.trim() !== '' || lines.length === 0) push();
  return lines;
}

/** Cuts `text` and appends "…" + `suffix` so the result fits `maxEm` (always ends with the ellipsis + suffix). */
export function forceEllipsis(text: string, maxEm: number, measure: EmMeasure, suffix = ''): string {
  const chars = [...text.trimEnd()];
  while (chars.length > 0 && measure(chars.join('').trimEnd() + ELLIPSIS + suffix) > maxEm) chars.pop();
  const fitted = chars.join('').trimEnd() + ELLIPSIS + suffix;
  if (measure(fitted) <= maxEm) return fitted;
  return measure(ELLIPSIS) <= maxEm ? ELLIPSIS : '';
}

/** `text + suffix` when it fits `maxEm`, otherwise `text` cut and followed by "…" + `suffix`. */
export function truncateToFit(text: string, maxEm: number, measure: EmMeasure, suffix = ''): string {
  return measure(text + suffix) <= maxEm ? text + suffix : forceEllipsis(text, maxEm, measure, suffix);
}

/** How many lines of `sizeMm` text fit `heightMm` (first line takes ascent + descent, the others the pitch). */
export function lineCapacity(heightMm: number, sizeMm: number, lineHeight: number, font: FitFont): number {
  const content = (font.ascentEm + font.descentEm) * sizeMm;
  if (content > heightMm + 1e-9) return 0;
  return 1 + Math.floor((heightMm - content + 1e-9) / (sizeMm * lineHeight));
}

function layoutAt(req: FitRequest, sizeMm: number, font: FitFont): string[] {
  const maxEm = req.widthMm / sizeMm;
  const paragraphs = req.text.split('\n');
  if (!req.wrap) return paragraphs;
  return paragraphs.flatMap((p) => wrapParagraph(p, maxEm, font.emWidth));
}

function fits(lines: string[], req: FitRequest, sizeMm: number, font: FitFont): boolean {
  const capacity = Math.min(lineCapacity(req.heightMm, sizeMm, req.lineHeight, font), req.maxLines ?? Infinity);
  if (lines.length > capacity) return false;
  const maxEm = req.widthMm / sizeMm;
  return lines.every((l) => font.emWidth(l) <= maxEm + 1e-9);
}

/**
 * Fits text into a box: wrap (unless `wrap` is false), shrink in 0.5 pt steps down to `minFontSizeMm`, then
 * truncate with "…". The result never exceeds the box: every line is at most `widthMm` wide and the lines fit
 * `heightMm` by the font's ascent and descent.
 */
export function fitText(req: FitRequest, font: FitFont): FitResult {
  const minSize = Math.min(req.minFontSizeMm, req.fontSizeMm);
  let size = req.fontSizeMm;
  for (;;) {
    const lines = layoutAt(req, size, font);
    if (fits(lines, req, size, font)) return { fontSizeMm: size, lines, truncated: false };
    if (size - SIZE_STEP_MM < minSize - 1e-9) break;
    size -= SIZE_STEP_MM;
  }
  size = minSize;
  // Not even one line fits at the smallest size: shrink to the box height.
  while (lineCapacity(req.heightMm, size, req.lineHeight, font) === 0 && size > 0.1) size *= 0.9;
  const capacity = Math.max(
    1,
    Math.min(lineCapacity(req.heightMm, size, req.lineHeight, font), req.maxLines ?? Infinity),
  );
  const maxEm = req.widthMm / size;
  const all = layoutAt(req, size, font);
  const kept = all
    .slice(0, capacity)
    .map((l) => (font.emWidth(l) <= maxEm ? l : truncateToFit(l, maxEm, font.emWidth)));
  if (all.length > capacity) {
    const lastIndex = kept.length - 1;
    kept[lastIndex] = forceEllipsis(kept[lastIndex] ?? '', maxEm, font.emWidth);
  }
  return { fontSizeMm: size, lines: kept, truncated: true };
}
