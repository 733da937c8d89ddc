/**
 * The gateway's logger: one pino logger writing JSON Lines to a rotating file (`logging.level`)
 * and, through pino.multistream, to the console (`logging.consoleLevel`, pretty or JSON).
 *
 * Every finished line is redacted (pino's `hooks.streamWrite`, see redact-log-line.ts) before
 * multistream hands it to either output, so the file and the console never differ in what
 * they reveal.
 */
import path from 'node:path';
import pino from 'pino';
import { createTextMasker } from './mask-secrets-in-text.js';
import { formatPrettyLine } from './pretty-console-line.js';
import { createLogLineRedactor } from './redact-log-line.js';
import { RotatingLogFile } from '../../../shared/gateway-host/rotating-log-file.js';
import { compileSecretPatterns } from './secret-patterns.js';

export interface GatewayLoggerOptions {
  file: string;
  level: string;
  consoleLevel: string;
  consoleStyle: 'pretty' | 'json';
  maxFileBytes: number;
  /** Replaces the default secret patterns (structural protections always stay). */
  redactPatterns?: string[];
  /** Defaults to process.stderr; tests pass their own. Never ended by close(). */
  console?: NodeJS.WritableStream;
}

export interface GatewayLogger {
  readonly logger: pino.Logger;
  /** Absolute path of the current log file (what logs.tail reads). */
  readonly file: string;
  /** Resolves once everything logged so far has reached the file and the console stream. */
  flush(): Promise<void>;
  /** Flushes, closes the file and stops both outputs. Idempotent. */
  close(): Promise<void>;
}

const LEVEL_NAMES: readonly pino.LevelWithSilent[] = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'];

export function createGatewayLogger(options: GatewayLoggerOptions): GatewayLogger {
  const fileLevel = parseLevel('logging.level', options.level);
  const consoleLevel = parseLevel('logging.consoleLevel', options.consoleLevel);
  if (!Number.isFinite(options.maxFileBytes) || options.maxFileBytes <= 0) {
    throw new RangeError(`logging.maxFileBytes must be a positive number of bytes; got ${options.maxFileBytes}`);
  }
  const redactLine = createLogLineRedactor(createTextMasker(compileSecretPatterns(options.redactPatterns)));
  const consoleStream = options.console ?? process.stderr;
  const file = path.resolve(options.file);

  let closed = false;
  const writeToConsole = (text: string): void => {
    // Writing to an ended stream throws, and a closed logger prints nothing more.
    if (!closed && consoleStream.writable) consoleStream.write(text);
  };
  const logFile = new RotatingLogFile({
    file,
    maxFileBytes: options.maxFileBytes,
    onError: (error) => writeToConsole(`gatehouse: cannot write log file ${file}: ${error.message}\n`),
  });

  const outputs: pino.StreamEntry<pino.Level>[] = [];
  if (fileLevel !== 'silent') outputs.push({ level: fileLevel, stream: logFile });
  if (consoleLevel !== 'silent') {
    const render = options.consoleStyle === 'pretty' ? formatPrettyLine : (line: string) => line;
    outputs.push({ level: consoleLevel, stream: { write: (line: string) => writeToConsole(render(line)) } });
  }

  const logger = pino(
    {
      level: mostVerbose(fileLevel, consoleLevel),
      // hostname says nothing on a single-machine daemon; pid tells restarts apart.
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Labels rather than numbers: logs.tail clients and people read these lines directly.
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: redactLine },
    },
    pino.multistream(outputs),
  );

  const flush = async (): Promise<void> => {
    // The file is written synchronously; only the console stream may still hold data.
    if (closed || !consoleStream.writable) return;
    await new Promise<void>((resolve) => consoleStream.write('', () => resolve()));
  };

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await flush();
      closed = true;
      logger.level = 'silent';
      await logFile.close();
    })();
    return closing;
  };

  return { logger, file, flush, close };
}

function parseLevel(key: string, value: string): pino.LevelWithSilent {
  const level = LEVEL_NAMES.find((name) => name === value);
  if (!level) throw new RangeError(`${key} must be one of ${LEVEL_NAMES.join(', ')}; got ${JSON.stringify(value)}`);
  return level;
}

function mostVerbose(a: pino.LevelWithSilent, b: pino.LevelWithSilent): pino.LevelWithSilent {
  return levelValue(a) <= levelValue(b) ? a : b;
}

function levelValue(level: pino.LevelWithSilent): number {
  return level === 'silent' ? Number.POSITIVE_INFINITY : pino.levels.values[level] ?? Number.POSITIVE_INFINITY;
}
