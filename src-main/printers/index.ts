export * from './printer';
export * from './printer-uri';
export * from './transports/file-printer';
export * from './transports/spooler';
