export * from './app-paths';
export * from './redact';
