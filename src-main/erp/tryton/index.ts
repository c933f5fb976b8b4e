export * from './tryton-connector';
export { createTrytonClient, faultToError, TrytonWarning, type TrytonClient } from './tryton-client';
export { isTrytonUrl, parseTrytonUrl, trytonUrlFromParts, type TrytonTarget } from './tryton-url';
export { shipmentToOrder, statusOfState, PENDING_STATES } from './tryton-mapping';
