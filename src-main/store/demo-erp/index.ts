export * from './demo-erp-db';
export * from './demo-erp-repository';
export * from './demo-writebacks-repository';
