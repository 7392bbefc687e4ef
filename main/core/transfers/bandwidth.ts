// A bandwidth limit shared by every part upload, optionally following a timetable like rclone's
// `--bwlimit "08:00,5M 19:00,off"`: each entry applies from its time of day until the next one.
import type { Clock } from '../api/clock.ts';
import { Refusal } from '../errors.ts';

/** bytes per second; undefined = no limit */
export type Rate = number | undefined;

export interface TimetableEntry {
  /** minutes after midnight, local time */
  minute: number;
  rate: Rate;
}

const UNITS: Record<string, number> = { B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
/** Network rates are decimal bits, as MASV and ISPs count them: 160Mbps is 20,000,000 bytes a second. */
const BIT_UNITS: Record<string, number> = { K: 1e3, M: 1e6, G: 1e9 };
/** "160Mbps", "1.5Gbit/s": the lower-case b is what tells bits from bytes ("20MB/s"). */
const BITS = /^(\d+(?:\.\d+)?)\s*([KMGkmg])(?:bps|bit\/s)$/;

/**
 * "5M", "512K", "1.5G", "160Mbps", "off"; a bare number is KiB/s, as in rclone. A rate of 0 is refused: read
 * as written it would never send a byte, and read as "no limit" (as some tools do) it would do the
 * opposite of what it says; "off" says no limit, and pausing says stop.
 */
export function parseRate(text: string): Rate {
  const value = text.trim();
  if (value === '' || value.toLowerCase() === 'off') return undefined;
  const bits = BITS.exec(value);
  if (bits) return nonZero(text, Math.round((Number(bits[1]) * BIT_UNITS[bits[2]!.toUpperCase()]!) / 8));
  const match = /^(\d+(?:\.\d+)?)([BKMG])?(?:i?B)?(?:\/s)?$/i.exec(value);
  if (!match) throw new Refusal('settings:bandwidth', `"${text}" is not a bandwidth.`, 'Use a number with K, M or G (bytes per second) or Kbps, Mbps or Gbps (bits per second), or "off".');
  const unit = UNITS[(match[2] ?? 'K').toUpperCase()]!;
  return nonZero(text, Math.round(Number(match[1]) * unit));
}

function nonZero(text: string, rate: number): number {
  if (rate === 0) throw new Refusal('settings:bandwidth', `"${text}" is a bandwidth of nothing: no upload would ever finish.`, 'Use "off" for no limit, a rate such as 512K, or pause the transfers to stop them.');
  return rate;
}

/** A single rate ("10M") or a timetable ("08:00,5M 12:00,10M 19:00,off"). */
export function parseBandwidth(text: string): TimetableEntry[] {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 1 && !parts[0]!.includes(',')) return [{ minute: 0, rate: parseRate(parts[0]!) }];
  const entries = parts.map((part) => {
    const match = /^(\d{1,2}):(\d{2}),(.+)$/.exec(part);
    const hours = Number(match?.[1]);
    const minutes = Number(match?.[2]);
    if (!match || hours > 23 || minutes > 59) throw new Refusal('settings:bandwidth', `"${part}" is not a timetable entry.`, 'Use HH:MM,RATE, e.g. "08:00,5M 19:00,off".');
    return { minute: hours * 60 + minutes, rate: parseRate(match[3]!) };
  });
  return entries.sort((a, b) => a.minute - b.minute);
}

/** The rate in force at a time of day: the last entry at or before it, wrapping to yesterday's last. */
export function rateAt(timetable: readonly TimetableEntry[], minuteOfDay: number): Rate {
  if (timetable.length === 0) return undefined;
  let current = timetable[timetable.length - 1]!;
  for (const entry of timetable) if (entry.minute <= minuteOfDay) current = entry;
  return current.rate;
}

const MIN_SLICE = 16 * 1024;

/** A token bucket holding at most a quarter second of bytes, refilled at the rate in force. */
export class Bandwidth {
  private timetable: TimetableEntry[];
  private readonly clock: Clock;
  private readonly minuteOfDay: () => number;
  private tokens = 0;
  private updatedAt: number;

  constructor(clock: Clock, timetable: TimetableEntry[] = [], minuteOfDay: () => number = localMinuteOfDay) {
    this.clock = clock;
    this.timetable = timetable;
    this.minuteOfDay = minuteOfDay;
    this.updatedAt = clock.now();
  }

  set(timetable: TimetableEntry[]): void {
    this.timetable = timetable;
  }

  current(): Rate {
    return rateAt(this.timetable, this.minuteOfDay());
  }

  /** How much of a read of `bytes` to send at once: all of it without a limit, an eighth of a second's worth under one. */
  sliceOf(bytes: number): number {
    const rate = this.current();
    return rate === undefined ? bytes : Math.min(bytes, Math.max(MIN_SLICE, Math.floor(rate / 8)));
  }

  /** Waits until `bytes` may be sent under the limit in force. */
  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const rate = this.current();
      const now = this.clock.now();
      if (rate === undefined) {
        this.updatedAt = now;
        return;
      }
      const burst = Math.max(rate / 4, bytes);
      this.tokens = Math.min(burst, this.tokens + ((now - this.updatedAt) * rate) / 1000);
      this.updatedAt = now;
      if (this.tokens >= bytes) {
        this.tokens -= bytes;
        return;
      }
      // Short waits so a timetable change or a new limit takes effect promptly.
      await this.clock.sleep(Math.min(250, Math.ceil(((bytes - this.tokens) * 1000) / rate)), signal);
    }
  }
}

function localMinuteOfDay(): number {
  const now = new Date();
  return now.getHours() * 60 + now.getMinutes();
}
