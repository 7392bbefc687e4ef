// Fault injection for reliability tests. A spec is a comma-separated list of rules:
//   <class>:<kind>@<rate>   class api | part; kind 5xx | 429 | reset | stall;
//                           rate a probability (0.1) or everyN (every Nth request of the class)
//   latency:<class>=<ms>    added delay before every request of the class is handled
//   part>=<size> as the class: only parts of at least that many bytes (K, M, G: KiB, MiB, GiB),
//                           so one big upload can crawl or stall while small ones go through
//   seed=<n>                seeds the random choices, so a run can be repeated exactly
// e.g. "api:429@0.2,part:reset@every4,latency:part=20,seed=7". See README.md.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type FaultClass = 'api' | 'part';
export type FaultKind = '5xx' | '429' | 'reset' | 'stall';

interface Rule {
  cls: FaultClass;
  kind: FaultKind;
  probability?: number;
  every?: number;
  seen: number;
  /** only part PUTs of at least this many bytes */
  minBytes: number;
}

export interface FaultPlan {
  rules: Rule[];
  latencyMs: Record<FaultClass, number>;
  /** latency for part PUTs of at least `minBytes` */
  bigPartLatency: Array<{ minBytes: number; ms: number }>;
  seed: number;
}

const CLASSES = new Set(['api', 'part']);
const KINDS = new Set(['5xx', '429', 'reset', 'stall']);
const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

export function parseFaults(spec: string): FaultPlan {
  const plan: FaultPlan = { rules: [], latencyMs: { api: 0, part: 0 }, bigPartLatency: [], seed: 1 };
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const seed = /^seed=(\d+)$/.exec(raw);
    const latency = /^latency:(\w+)(?:>=(\d+)([KMG]?))?=(\d+)(?:ms)?$/.exec(raw);
    const rule = /^(\w+)(?:>=(\d+)([KMG]?))?:(\w+)@(?:every(\d+)|(0(?:\.\d+)?|1(?:\.0+)?))$/.exec(raw);
    // Only parts have a size to pick by.
    const sized = (cls: string, bytes: string | undefined) => bytes === undefined || cls === 'part';
    if (seed) plan.seed = Number(seed[1]);
    else if (latency && CLASSES.has(latency[1]!) && sized(latency[1]!, latency[2])) {
      const ms = Number(latency[4]);
      if (latency[2] === undefined) plan.latencyMs[latency[1] as FaultClass] = ms;
      else plan.bigPartLatency.push({ minBytes: Number(latency[2]) * UNITS[latency[3]!]!, ms });
    } else if (rule && CLASSES.has(rule[1]!) && KINDS.has(rule[4]!) && sized(rule[1]!, rule[2])) {
      plan.rules.push({
        cls: rule[1] as FaultClass,
        kind: rule[4] as FaultKind,
        every: rule[5] === undefined ? undefined : Math.max(1, Number(rule[5])),
        probability: rule[6] === undefined ? undefined : Number(rule[6]),
        seen: 0,
        minBytes: rule[2] === undefined ? 0 : Number(rule[2]) * UNITS[rule[3]!]!,
      });
    } else {
      throw new Error(
        `bad fault rule "${raw}": expected <api|part>:<5xx|429|reset|stall>@<probability|everyN>, latency:<api|part>=<ms>, part>=<size> in place of part, or seed=<n>`,
      );
    }
  }
  return plan;
}

/** mulberry32: small, fast and seedable, which is all a fault schedule needs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  private readonly plan: FaultPlan;
  private readonly next: () => number;
  private readonly stalled = new Set<IncomingMessage>();

  constructor(plan: FaultPlan) {
    this.plan = plan;
    this.next = random(plan.seed);
  }

  /** The fault to inject into this request of `cls` (of `bytes`, for a part), if any; the first matching rule wins. */
  pick(cls: FaultClass, bytes = 0): FaultKind | undefined {
    let chosen: FaultKind | undefined;
    for (const rule of this.plan.rules) {
      if (rule.cls !== cls || bytes < rule.minBytes) continue;
      rule.seen += 1;
      const hit = rule.every !== undefined ? rule.seen % rule.every === 0 : this.next() < (rule.probability ?? 0);
      if (hit && chosen === undefined) chosen = rule.kind;
    }
    return chosen;
  }

  async delay(cls: FaultClass, bytes = 0): Promise<void> {
    let ms = this.plan.latencyMs[cls];
    if (cls === 'part') for (const big of this.plan.bigPartLatency) if (bytes >= big.minBytes) ms = Math.max(ms, big.ms);
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Drops the connection without an answer. */
  reset(req: IncomingMessage): void {
    req.socket.destroy();
  }

  /** Reads nothing and answers nothing; the connection stays open until the client gives up or the sandbox closes. */
  stall(req: IncomingMessage, res: ServerResponse): void {
    req.pause();
    this.stalled.add(req);
    res.once('close', () => this.stalled.delete(req));
  }

  close(): void {
    for (const req of this.stalled) req.socket.destroy();
  }
}
