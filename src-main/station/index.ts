export * from './station-api';
export * from './event-hub';
export * from './station-error';
export * from './pack-service';
export * from './sync-service';
export * from './station-handlers';
export * from './templates-service';
export * from './erp-settings-service';
