export * from './printer';
export * from './printer-uri';
export * from './transports/file-printer';
export type { PrinterProfile } from './profile';
export * from './profiles';
export * from './printer-profile-errors';
export * from './languages';
export * from './transports/spooler';
