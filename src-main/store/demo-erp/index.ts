export * from './demo-erp-db';
export * from './demo-erp-repository';
