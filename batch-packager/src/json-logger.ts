import type { Logger } from './ports.js';

/**
 * One JSON object per line (CloudWatch Logs and Logs Insights read them as fields). Any
 * `secrets` that find their way into a line anyway are replaced before it is written.
 */
export class JsonLogger implements Logger {
  constructor(
    private readonly write: (line: string) => void,
    private readonly context: Record<string, unknown> = {},
    private readonly secrets: readonly string[] = [],
  ) {}

  info(message: string, fields?: Record<string, unknown>): void {
    this.log('INFO', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.log('WARN', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.log('ERROR', message, fields);
  }

  private log(level: string, message: string, fields: Record<string, unknown> = {}): void {
    let line = JSON.stringify({ level, timestamp: new Date().toISOString(), service: 'modelplane-packager', message, ...this.context, ...fields });
    for (const secret of this.secrets) if (secret.length > 0) line = line.split(secret).join('***');
    this.write(`${line}\n`);
  }
}
