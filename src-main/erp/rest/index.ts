export * from './rest-connector';
export { kindOfStatus, parseRetryAfter } from './http-error-kind';
export * from './signing';
