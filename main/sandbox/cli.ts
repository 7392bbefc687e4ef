// `npm run sandbox -- [--port N] [--data DIR] [--seed demo|minimal] [--rate-limits real|off]
//   [--rate-limit-scale X] [--part-size BYTES] [--transcode-delay-ms MS] [--faults SPEC] [--token T] [--exchange-log FILE]
//   [--no-media-cors] [--help]`
import { parseArgs } from 'node:util';
import { startSandbox } from './server.ts';

const USAGE = `Usage: npm run sandbox -- [options]

A local Frame.io V4 server with demo data. Prints SANDBOX_URL=, SANDBOX_TOKEN=, SANDBOX_ACCOUNT_ID=,
SANDBOX_PROJECT_ID= and SANDBOX_ROOT_FOLDER_ID= lines, then serves until stopped (Ctrl-C).

  --port N                  port to listen on (default: any free port)
  --host HOST               address to listen on (default: 127.0.0.1)
  --data DIR                keep the sandbox's state in DIR, across restarts (default: a temporary folder)
  --seed demo|minimal       what a new data folder starts with (default: demo)
  --rate-limits real|off    Frame.io's documented rate limits, or none (default: real)
  --rate-limit-scale X      every documented limit times X (default: 1), to meet real pacing faster
  --faults SPEC             inject failures, e.g. part:reset@every4,api:429@0.05,seed=7
  --part-size BYTES         upload parts of this size instead of Frame.io's plan
  --transcode-delay-ms MS   time from uploaded to transcoded (default: 2000)
  --token T                 the demo user's token (default: a new one)
  --exchange-log FILE       write every request and response to FILE as JSON lines
  --no-media-cors           serve media links without CORS headers
  -h, --help                print this help

More: main/sandbox/README.md; what it assumes where the spec is silent: main/sandbox/FIDELITY.md.`;

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({ options: OPTIONS, strict: true });
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
}

const OPTIONS = {
  host: { type: 'string', default: '127.0.0.1' },
  port: { type: 'string', default: '0' },
  data: { type: 'string' },
  seed: { type: 'string', default: 'demo' },
  token: { type: 'string' },
  'rate-limits': { type: 'string', default: 'real' },
  'rate-limit-scale': { type: 'string', default: '1' },
  'part-size': { type: 'string' },
  'transcode-delay-ms': { type: 'string' },
  'exchange-log': { type: 'string' },
  faults: { type: 'string' },
  'no-media-cors': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const { values } = parse();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function count(flag: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) fail(`--${flag} must be a whole number of at least ${min}, got "${raw}"`);
  return value;
}

const port = count('port', values.port, 0)!;
if (port > 65535) fail(`--port must be a port number, got "${values.port}"`);
if (values.seed !== 'demo' && values.seed !== 'minimal') fail(`--seed must be demo or minimal, got "${values.seed}"`);
const rateLimits = values['rate-limits'];
if (rateLimits !== 'real' && rateLimits !== 'off') fail(`--rate-limits must be real or off, got "${rateLimits}"`);
const rateLimitScale = Number(values['rate-limit-scale']);
if (!(rateLimitScale > 0) || !Number.isFinite(rateLimitScale)) fail(`--rate-limit-scale must be a number above 0, got "${values['rate-limit-scale']}"`);

const sandbox = await startSandbox({
  host: values.host,
  port,
  dataDir: values.data,
  seed: values.seed,
  token: values.token,
  rateLimits,
  rateLimitScale,
  partSize: count('part-size', values['part-size'], 1),
  transcodeDelayMs: count('transcode-delay-ms', values['transcode-delay-ms'], 0),
  exchangeLog: values['exchange-log'],
  faults: values.faults,
  mediaCors: !values['no-media-cors'],
}).catch((error: NodeJS.ErrnoException) => fail(error.code === 'EADDRINUSE' ? `port ${port} is already in use; pick another with --port` : error.message));
console.log(`SANDBOX_URL=${sandbox.url}`);
console.log(`SANDBOX_TOKEN=${sandbox.token}`);
console.log(`SANDBOX_ACCOUNT_ID=${sandbox.accountId}`);
console.log(`SANDBOX_PROJECT_ID=${sandbox.projectId}`);
console.log(`SANDBOX_ROOT_FOLDER_ID=${sandbox.rootFolderId}`);

const stop = () => void sandbox.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
