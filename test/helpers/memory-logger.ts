import { createLogger, type Logger } from '../../src-main/platform';

/** A logger written to memory with the production configuration (redaction included), and what it wrote. */
export interface MemoryLogger {
  logger: Logger;
  /** Every line written so far, parsed. */
  lines(): Record<string, unknown>[];
  /** Everything written so far, as the log file would hold it. */
  text(): string;
}

/** The station's real pino logger over a memory destination, for tests that check what gets logged. */
export function memoryLogger(options: { level?: string; clock?: () => Date } = {}): MemoryLogger {
  let text = '';
  const logger = createLogger({ write: (line: string) => void (text += line) }, options);
  return {
    logger,
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
