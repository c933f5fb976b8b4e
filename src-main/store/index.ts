export * from './open-database';
export * from './migrate';
export * from './orders-repository';
export * from './outbox';
export * from './settings-repository';
export * from './scan-log';
export * from './number-pool-repository';
export * from './shipping-store';
