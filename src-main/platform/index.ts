export * from './app-paths';
export * from './redact';
export * from './static-path';
export * from './erp-env';
export { silentLogger, type Logger } from './logger';
export * from './file-logger';
export { createRotatingLogFile, listLogFiles, logFilePath, type RotatingLogFile } from './rotating-log-file';
export * from './private-file';
