import { isMessageKey, t, type Locale, type MessageKey } from '../i18n';
import { ApiError } from './api';
import { formatDateTime } from './format';

/** Codes the screen raises itself (the connection, an answer it cannot read), translated like the core's refusals. */
export const CLIENT_ERROR_CODES = ['disconnected', 'connection-lost', 'bad-output'] as const;

/** What a translation needs of an error: its code, its parameters, and for `internal` the correlation id. */
export interface TranslatableError {
  code: string;
  params?: Readonly<Record<string, string | number | readonly unknown[]>> | undefined;
  correlationId?: string | undefined;
}

/** What happened and what to do, for one error, in `locale`. */
export interface ErrorText {
  title: string;
  hint: string;
}

/**
 * Parameters whose values are themselves codes (a printer condition, a fee kind, an ERP type): shown translated,
 * through the message key prefix given here, when the dictionary has that value.
 */
const CODED_PARAMS: Readonly<Record<string, string>> = {
  condition: 'printers.condition.',
  kind: 'fees.kind.',
  type: 'settings.erp.type.',
  requiredField: 'templates.required.',
};

/**
 * Translates an error by its code and params (`error.<code>` and `error.<code>.hint`). A code the dictionaries do
 * not know is named as such, never with the core's own (English) message.
 */
export function errorText(locale: Locale, error: TranslatableError): ErrorText {
  const key = `error.${error.code}`;
  const hintKey = `${key}.hint`;
  const known = isMessageKey(key) && isMessageKey(hintKey);
  const params: Record<string, string | number> = { code: error.code };
  for (const [name, value] of Object.entries(error.params ?? {})) {
    params[name] = Array.isArray(value) ? value.join(', ') : localizedValue(locale, name, value as string | number);
  }
  if (error.correlationId) params.correlationId = error.correlationId;
  if (!known) return { title: t(locale, 'error.unknown', params), hint: t(locale, 'error.unknown.hint', params) };
  return { title: t(locale, key as MessageKey, params), hint: t(locale, hintKey as MessageKey, params) };
}

/** An error as one line for a supervisor screen (what happened, then what to do), in `locale`. */
export function errorLine(locale: Locale, error: TranslatableError): string {
  const text = errorText(locale, error);
  return locale === 'zh-CN' ? `${text.title}。${text.hint}` : `${text.title}. ${text.hint}`;
}

/** A failed call as one line for a supervisor screen, in `locale`. */
export function failureText(locale: Locale, failure: unknown): string {
  return errorLine(locale, translatable(failure));
}

/** The translatable part of whatever a call threw: an ApiError's code and params; anything else is `internal`. */
export function translatable(failure: unknown): TranslatableError {
  if (failure instanceof ApiError) {
    return { code: failure.code, params: failure.params, correlationId: failure.correlationId };
  }
  return { code: 'internal' };
}

/** Parameters that carry an ISO time: shown as the locale's date and time. */
const TIME_PARAMS: ReadonlySet<string> = new Set(['shippedAt']);

function localizedValue(locale: Locale, name: string, value: string | number): string | number {
  if (TIME_PARAMS.has(name) && typeof value === 'string') return formatDateTime(locale, value);
  const prefix = CODED_PARAMS[name];
  if (prefix === undefined || typeof value !== 'string') return value;
  const key = `${prefix}${value}`;
  return isMessageKey(key) ? t(locale, key) : value;
}
