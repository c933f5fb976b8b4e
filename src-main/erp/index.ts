export * from './connector';
export * from './api-schema';
