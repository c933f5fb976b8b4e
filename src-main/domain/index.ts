export * from './order';
export * from './check-digit';
export * from './scan-verification';
export * from './order-validation';
export * from './scan-commands';
export * from './status-mapping';
export * from './phone-privacy';
