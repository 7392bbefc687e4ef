// The bandwidth field in the unit people think in (Mbps, as MASV and Frame.io Transfer show it, or
// MB/s) and the engine's spec, which carries its unit so it reads the same everywhere:
// "40" in Mbps is stored as "40Mbps", "5" in MB/s as "5MB/s" (MiB, as the engine's "5M").

export type BandwidthUnit = 'Mbps' | 'MB/s';

const BYTES_PER: Record<BandwidthUnit, number> = { Mbps: 1e6 / 8, 'MB/s': 1024 ** 2 };
const ENGINE_UNITS: Record<string, number> = { B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
const BIT_UNITS: Record<string, number> = { K: 1e3, M: 1e6, G: 1e9 };

/** The unit a stored spec was written in, if it says. */
export function unitOfSpec(spec: string): BandwidthUnit | undefined {
  if (/\d\s*[KMGkmg](?:bps|bit\/s)/.test(spec)) return 'Mbps';
  if (/\d\s*[KMGkmg]/i.test(spec)) return 'MB/s';
  return undefined;
}

/** One engine rate ("5M", "160Mbps", "512", "off") as a number in `unit`, or "off". */
function rateToField(rate: string, unit: BandwidthUnit): string {
  if (rate.toLowerCase() === 'off') return 'off';
  const bits = /^(\d+(?:\.\d+)?)\s*([KMGkmg])(?:bps|bit\/s)$/.exec(rate);
  const bytes = /^(\d+(?:\.\d+)?)([BKMG])?(?:i?B)?(?:\/s)?$/i.exec(rate);
  const perSecond = bits ? (Number(bits[1]) * BIT_UNITS[bits[2]!.toUpperCase()]!) / 8 : bytes ? Number(bytes[1]) * ENGINE_UNITS[(bytes[2] ?? 'K').toUpperCase()]! : undefined;
  if (perSecond === undefined) return rate;
  return String(Math.round((perSecond / BYTES_PER[unit]) * 100) / 100);
}

/** The stored spec as the field shows it in `unit`: "40", "off" or "08:00,40 19:00,off". */
export function specToField(spec: string, unit: BandwidthUnit): string {
  return spec
    .trim()
    .split(/\s+/)
    .map((part) => {
      const entry = /^(\d{1,2}:\d{2}),(.+)$/.exec(part);
      return entry ? `${entry[1]},${rateToField(entry[2]!, unit)}` : rateToField(part, unit);
    })
    .join(' ');
}

export type FieldReading = { spec: string } | { error: string };

const NUMBER = /^\d+(?:\.\d+)?$/;

function fieldRate(rate: string, unit: BandwidthUnit): string | { error: string } {
  if (rate.toLowerCase() === 'off') return 'off';
  if (!NUMBER.test(rate)) return { error: `“${rate}” is not a number of ${unit}. Enter a number such as 40, or “off”.` };
  if (Number(rate) === 0) return { error: `0 ${unit} would never send a byte. Enter “off” for no limit, or pause transfers to stop them.` };
  return `${rate}${unit}`;
}

/** What the person typed, in `unit`, as the engine's spec; or what is wrong with it, in words. */
export function fieldToSpec(text: string, unit: BandwidthUnit): FieldReading {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { error: `Enter a limit in ${unit}, “off”, or a timetable such as “08:00,40 19:00,off”.` };
  const specs: string[] = [];
  for (const part of parts) {
    const entry = /^(\d{1,2}):(\d{2}),(.+)$/.exec(part);
    if (parts.length > 1 || part.includes(',')) {
      if (!entry || Number(entry[1]) > 23 || Number(entry[2]) > 59) return { error: `“${part}” is not a timetable entry. Use HH:MM,RATE, e.g. “08:00,40 19:00,off”.` };
    }
    const rate = fieldRate(entry ? entry[3]! : part, unit);
    if (typeof rate !== 'string') return rate;
    specs.push(entry ? `${entry[1]!.padStart(2, '0')}:${entry[2]},${rate}` : rate);
  }
  return { spec: specs.join(' ') };
}
