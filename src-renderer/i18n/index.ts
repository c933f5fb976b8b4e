import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { MessageKey } from './en';

/** The languages the station speaks. */
export type Locale = 'zh-CN' | 'en';

/** Every supported locale, in toggle order. */
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** Values that fill `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** True when `key` is a message key (for keys built at run time, such as error codes). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/**
 * The message `key` in `locale` with `{name}` placeholders filled from `params`. Numbers are formatted for the
 * locale; a missing parameter shows as an em dash rather than a raw placeholder.
 */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const text = dictionaries[locale][key];
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') return '—';
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}

/** The locale to start with: the saved choice, else the browser language (Chinese → zh-CN, anything else → en). */
export function initialLocale(saved: string | null, navigatorLanguage: string | undefined): Locale {
  if (saved === 'zh-CN' || saved === 'en') return saved;
  return navigatorLanguage?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The dictionaries, for tests and tools. */
export const messages = dictionaries;
