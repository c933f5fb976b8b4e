import { isMessageKey, t, type Locale } from '../../i18n';
import type { ShownError } from '../../state/store';

/** What happened and what to do, for one error, in `locale`. */
export interface ErrorText {
  title: string;
  hint: string;
}

/**
 * Translates an error by its code and params (`error.<code>` and `error.<code>.hint`); a code the dictionaries do
 * not know falls back to the core's English message so nothing is ever shown blank.
 */
export function errorText(locale: Locale, error: ShownError): ErrorText {
  const key = `error.${error.code}`;
  const hintKey = `${key}.hint`;
  const params: Record<string, string | number> = { ...error.params };
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) params[name] = (value as unknown[]).join(', ');
  }
  if (isMessageKey(key) && isMessageKey(hintKey)) {
    return { title: t(locale, key, params), hint: t(locale, hintKey, params) };
  }
  return { title: t(locale, 'error.unknown', { message: error.message }), hint: t(locale, 'error.unknown.hint') };
}
