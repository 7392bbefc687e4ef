// Fault injection for reliability tests. A spec is a comma-separated list of rules:
//   <class>:<kind>@<rate>   class api | part; kind 5xx | 429 | reset | stall;
//                           rate a probability (0.1) or everyN (every Nth request of the class)
//   latency:<class>=<ms>    added delay before every request of the class is handled
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
}

export interface FaultPlan {
  rules: Rule[];
  latencyMs: Record<FaultClass, number>;
  seed: number;
}

const CLASSES = new Set(['api', 'part']);
const KINDS = new Set(['5xx', '429', 'reset', 'stall']);

export function parseFaults(spec: string): FaultPlan {
  const plan: FaultPlan = { rules: [], latencyMs: { api: 0, part: 0 }, seed: 1 };
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const seed = /^seed=(\d+)$/.exec(raw);
    const latency = /^latency:(\w+)=(\d+)(?:ms)?$/.exec(raw);
    const rule = /^(\w+):(\w+)@(?:every(\d+)|(0(?:\.\d+)?|1(?:\.0+)?))$/.exec(raw);
    if (seed) plan.seed = Number(seed[1]);
    else if (latency && CLASSES.has(latency[1]!)) plan.latencyMs[latency[1] as FaultClass] = Number(latency[2]);
    else if (rule && CLASSES.has(rule[1]!) && KINDS.has(rule[2]!)) {
      plan.rules.push({
        cls: rule[1] as FaultClass,
        kind: rule[2] as FaultKind,
        every: rule[3] === undefined ? undefined : Math.max(1, Number(rule[3])),
        probability: rule[4] === undefined ? undefined : Number(rule[4]),
        seen: 0,
      });
    } else {
      throw new Error(`bad fault rule "${raw}": expected <api|part>:<5xx|429|reset|stall>@<probability|everyN>, latency:<api|part>=<ms> or seed=<n>`);
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

  /** The fault to inject into this request of `cls`, if any; the first matching rule wins. */
  pick(cls: FaultClass): FaultKind | undefined {
    let chosen: FaultKind | undefined;
    for (const rule of this.plan.rules) {
      if (rule.cls !== cls) continue;
      rule.seen += 1;
      const hit = rule.every !== undefined ? rule.seen % rule.every === 0 : this.next() < (rule.probability ?? 0);
      if (hit && chosen === undefined) chosen = rule.kind;
    }
    return chosen;
  }

  async delay(cls: FaultClass): Promise<void> {
    const ms = this.plan.latencyMs[cls];
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
