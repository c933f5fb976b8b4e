export * from './connector';
export * from './api-schema';
export * from './intake';
export * from './rest';
export * from './tryton';
export * from './connector-from-url';
