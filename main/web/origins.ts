// Which page may use the agent. A browser names in Origin the address it used to reach the agent,
// and in Host the same address; on a wildcard bind (0.0.0.0, ::) that is whichever of the
// machine's addresses the person typed, so no single origin can be fixed at start. A request is the
// agent's own page when its Origin is the address it came in on and that address is one of this
// machine's: a page served from any other name (DNS rebinding included) is refused before the key
// is even looked at.
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { Refusal } from '../core/errors.ts';

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

const WILDCARD_V4 = '0.0.0.0';
const WILDCARD_V6 = '::';

/** `host` as it goes in a URL: IPv6 literals in brackets, everything normalized the way browsers do. */
export function urlHost(host: string, port: number): string | undefined {
  const literal = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  try {
    return new URL(`http://${literal}:${port}`).host;
  } catch {
    return undefined;
  }
}

export function isWildcard(host: string): boolean {
  const normalized = urlHost(host, 1);
  return normalized === urlHost(WILDCARD_V4, 1) || normalized === urlHost(WILDCARD_V6, 1);
}

export interface AgentAddresses {
  /** the address to print: on a wildcard bind, one other machines can reach */
  primary: string;
  /** every origin this agent answers as, the printed one first */
  origins: string[];
  /** whether a request with these headers comes from a page the agent itself served */
  isOwnPage(origin: string | undefined, host: string | undefined): boolean;
}

export function agentAddresses(host: string, port: number, interfaces: Interfaces = networkInterfaces()): AgentAddresses {
  const bound = urlHost(host, port);
  if (!bound) throw new Refusal('serve:bad-host', `"${host}" is not an address the agent can listen on.`, 'Give --host an IP address or a name of this machine (127.0.0.1 unless other machines must reach it).');
  let hosts: string[];
  if (isWildcard(host)) {
    // 0.0.0.0 takes IPv4 connections only; :: takes both (IPv4 arrives mapped, but the browser names it as typed).
    const v4Only = urlHost(host, 1) === urlHost(WILDCARD_V4, 1);
    const addresses = Object.values(interfaces)
      .flatMap((list) => list ?? [])
      .filter((info) => !v4Only || info.family === 'IPv4')
      // External addresses first, so the printed one is reachable from elsewhere.
      .sort((a, b) => Number(a.internal) - Number(b.internal));
    hosts = [...addresses.map((info) => urlHost(info.address, port)), urlHost('localhost', port)].filter((h): h is string => h !== undefined);
  } else {
    hosts = [bound];
  }
  const unique = [...new Set(hosts)];
  const allowed = new Set(unique);
  return {
    primary: `http://${unique[0] ?? bound}`,
    origins: unique.map((h) => `http://${h}`),
    isOwnPage(origin, hostHeader) {
      if (!origin || !hostHeader) return false;
      let used: URL;
      let came: string | undefined;
      try {
        used = new URL(origin);
        came = new URL(`http://${hostHeader}`).host;
      } catch {
        return false;
      }
      return used.protocol === 'http:' && used.origin === origin && used.host === came && allowed.has(used.host);
    },
  };
}
