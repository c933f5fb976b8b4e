export * from './create-demo-erp';
export { generateSeedData, DEFAULT_SEED, DEFAULT_ORDER_COUNT, DEMO_CARRIER, FIRST_ORDER_NUMBER } from './seed-data';
export type { DemoSeedData, SeedOptions } from './seed-data';
export { mulberry32 } from './prng';
