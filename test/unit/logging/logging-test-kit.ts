/**
 * Real pieces for the logging tests: a fresh temp directory per test, a console stand-in that
 * records what was printed, and a logger that is always closed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach } from 'vitest';
import { createGatewayLogger, type GatewayLogger, type GatewayLoggerOptions } from '../../../gateway/core/logging/gateway-logger.js';

export interface RecordingConsole {
  readonly stream: PassThrough;
  text(): string;
  lines(): string[];
}

export function recordingConsole(): RecordingConsole {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const text = (): string => Buffer.concat(chunks).toString('utf8');
  return { stream, text, lines: () => text().split('\n').filter((line) => line !== '') };
}

/** Registers beforeEach/afterEach hooks; call at the top of a describe block. */
export function useTempLogDir(): { dir(): string; logger(options?: Partial<GatewayLoggerOptions>): GatewayLogger } {
  let dir = '';
  const opened: GatewayLogger[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-logging-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((logger) => logger.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    logger: (options = {}) => {
      const logger = createGatewayLogger({
        file: path.join(dir, 'logs', 'gatehouse.log'),
        level: 'info',
        consoleLevel: 'silent',
        consoleStyle: 'json',
        maxFileBytes: 10 * 1024 * 1024,
        ...options,
      });
      opened.push(logger);
      return logger;
    },
  };
}

export function readJsonLines(file: string): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
