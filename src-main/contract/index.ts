export * from './schemas';
export * from './commands';
export * from './events';
export * from './wire';
export * from './bridge';
export * from './queue-schemas';
export * from './printers';
export * from './refusals';
