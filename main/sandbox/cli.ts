// `npm run sandbox -- [--port N] [--data DIR] [--seed demo|minimal] [--rate-limits real|off]
//   [--part-size BYTES] [--transcode-delay-ms MS] [--faults SPEC] [--token T] [--exchange-log FILE]
//   [--no-media-cors]`
import { parseArgs } from 'node:util';
import { startSandbox } from './server.ts';

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    data: { type: 'string' },
    seed: { type: 'string', default: 'demo' },
    token: { type: 'string' },
    'rate-limits': { type: 'string', default: 'real' },
    'part-size': { type: 'string' },
    'transcode-delay-ms': { type: 'string' },
    'exchange-log': { type: 'string' },
    faults: { type: 'string' },
    'no-media-cors': { type: 'boolean', default: false },
  },
  strict: true,
});

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

const sandbox = await startSandbox({
  host: values.host,
  port,
  dataDir: values.data,
  seed: values.seed,
  token: values.token,
  rateLimits,
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
