import type { ParkedAdvice, ParkedReason } from '../contract';

/**
 * What an item the ERP refused for good (rejected, conflict, or discarded later) is about, read from the ERP's answer as the uploader stored it, and
 * whether sending it again unchanged can help. The screen turns the reason into words in the supervisor's
 * language ("intercept the parcel, then discard this item"); the ERP's own text stays available as a detail.
 *
 * The REST connector stores `METHOD /path answered STATUS: message (code)`, so the code at the end is read first;
 * connectors without codes (Tryton) are recognised by their wording.
 */
export function parkedItemAdvice(item: { kind: string; state: string; lastError: string | null }): ParkedAdvice | null {
  const parked = item.state === 'rejected' || item.state === 'conflict';
  // A discarded item keeps the answer that parked it: its history still says what happened.
  if (!parked && !(item.state === 'discarded' && item.lastError)) return null;
  const text = item.lastError ?? '';
  const answered = /answered \d{3}: ([\s\S]*?)(?: \(([a-z0-9-]+)\))?$/.exec(text);
  const detail = (answered?.[1] ?? text).trim() || null;
  const reason = reasonOf(answered?.[2] ?? null, text, item.state);
  return { reason, retryCanHelp: parked && RETRY_CAN_HELP[reason], detail };
}

/** Error codes of the generic ERP contract (docs/erp-api.yaml) and what they mean for a parked item. */
const BY_CODE: Readonly<Record<string, ParkedReason>> = {
  'order-cancelled': 'order-cancelled',
  'order-shipped': 'order-shipped',
  'version-conflict': 'order-changed',
  claimed: 'order-claimed',
  'order-not-shipped': 'shipment-missing',
  'order-not-found': 'order-unknown',
  'tracking-mismatch': 'tracking-mismatch',
  'already-handed-over': 'already-handed-over',
  'line-mismatch': 'invalid',
  invalid: 'invalid',
  'bad-request': 'invalid',
};

/** Wordings of connectors that send no code (Tryton), tried in order. */
const BY_WORDING: readonly [RegExp, ParkedReason][] = [
  [/\bis cancelled\b|\bcancelled in\b/i, 'order-cancelled'],
  [/\bis already (done|shipped)\b|already has a package/i, 'order-shipped'],
  [/\bchanged in\b.*since it was packed|back in draft/i, 'order-changed'],
  [/\bclaimed by\b/i, 'order-claimed'],
  [/\bdoes not take\b/i, 'not-supported'],
];

function reasonOf(code: string | null, text: string, state: string): ParkedReason {
  const known = code === null ? undefined : BY_CODE[code];
  if (known) return known;
  for (const [pattern, reason] of BY_WORDING) if (pattern.test(text)) return reason;
  return state === 'conflict' ? 'other' : 'invalid';
}

/**
 * Whether "Retry" (the same body again) can succeed without anyone changing anything first. A cancelled order stays
 * cancelled and an already-shipped order stays shipped: the ERP would refuse the same body again, so the screen
 * offers the real way out instead. A claim by another station ends; a missing shipment arrives once its own item
 * is resolved.
 */
const RETRY_CAN_HELP: Readonly<Record<ParkedReason, boolean>> = {
  'order-cancelled': false,
  'order-shipped': false,
  'order-changed': false,
  'order-claimed': true,
  'order-unknown': false,
  'shipment-missing': true,
  'tracking-mismatch': false,
  'already-handed-over': false,
  'not-supported': false,
  invalid: false,
  other: true,
};
