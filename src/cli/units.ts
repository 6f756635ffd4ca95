/**
 * Durations as flags take them (`90s`, `15m`, `2h`, `3d`); ages, run times and sizes as the
 * commands print them.
 */
import { UsageError } from "./usage-error.js";

const unitMs: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a duration like `90s`, `15m`, `2h`, `3d` or `1.5h`; undefined for anything else, zero included. */
export function durationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  const amount = match ? Number(match[1]) : Number.NaN;
  const unit = match ? unitMs[match[2] as string] : undefined;
  return unit === undefined || !(amount > 0) ? undefined : amount * unit;
}

/**
 * Milliseconds of a duration like `90s`, `15m`, `2h`, `3d` or `1.5h`. Throws UsageError for
 * anything else, zero included: a maximum age of nothing cannot hold.
 */
export function parseDuration(text: string): number {
  const ms = durationMs(text);
  if (ms === undefined) {
    throw new UsageError(
      `bad duration ${JSON.stringify(text)}: expected a number and a unit s, m, h or d, e.g. 90s, 15m, 2h, 3d`,
    );
  }
  return ms;
}

/**
 * A short age in its largest whole unit that keeps some precision: `42s`, `12m`, `5h`, `400d`.
 * Hours run up to 48 so that "yesterday evening" reads as `30h`, not `1d`.
 */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** A run time in seconds as `1h 0m 27s`, `3m 5s` or `12s`. */
export function formatRuntime(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h ${m}m ${s}s`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** Bytes as `512 B`, `1.5 KiB`, `94.0 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
