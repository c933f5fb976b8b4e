export * from './backoff';
export * from './connectivity';
export * from './order-puller';
export * from './outbox-uploader';
export * from './upload-item';
