/**
 * Option parsers for commander: a bad value is a usage error (exit 2) before any request is
 * sent. Formats the API checks itself (names, URIs) are left to it, so its problem lists them all.
 */
import { InvalidArgumentError } from 'commander';

/** A whole number >= `min`. */
export function integer(min = 0): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || parsed < min) throw new InvalidArgumentError(`Expected a whole number of at least ${min}.`);
    return parsed;
  };
}

/** A number greater than 0. */
export function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('Expected a number greater than 0.');
  return parsed;
}

/** Repeatable `KEY=VALUE` options (labels, environment), collected into a record. */
export function keyValue(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`Expected KEY=VALUE, got "${value}".`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

/** A `key=value,key=value` spec (a variant, a shadow) into its fields, refusing keys not in `keys`. */
export function fields(keys: readonly string[]): (value: string) => Record<string, string> {
  return (value) => {
    const result: Record<string, string> = {};
    for (const part of list(value)) {
      const at = part.indexOf('=');
      const key = part.slice(0, at);
      if (at <= 0 || !keys.includes(key)) throw new InvalidArgumentError(`Expected ${keys.map((k) => `${k}=...`).join(',')}, got "${part}".`);
      result[key] = part.slice(at + 1);
    }
    return result;
  };
}

/** `a,b,c` into its parts, without empties. */
export function list(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A duration such as `90s`, `15m`, `1h` or `2d`, in seconds. */
export function duration(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('Expected a duration such as 90s, 15m, 1h or 2d.');
  return Number(match[1]) * units[match[2]!]!;
}
