export * from './carrier-check-digits';
export * from './carrier-numbers';
export * from './station-numbers';
export * from './number-pool-repository';
export * from './number-pools';
