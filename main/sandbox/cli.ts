// `npm run sandbox -- [--port N] [--seed demo|minimal] [--rate-limits real|off] [--token T] [--exchange-log FILE]`
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
    seed: { type: 'string', default: 'demo' },
    token: { type: 'string' },
    'rate-limits': { type: 'string', default: 'real' },
    'exchange-log': { type: 'string' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got "${values.port}"`);
if (values.seed !== 'demo' && values.seed !== 'minimal') fail(`--seed must be demo or minimal, got "${values.seed}"`);
const rateLimits = values['rate-limits'];
if (rateLimits !== 'real' && rateLimits !== 'off') fail(`--rate-limits must be real or off, got "${rateLimits}"`);

const sandbox = await startSandbox({ host: values.host, port, seed: values.seed, token: values.token, rateLimits, exchangeLog: values['exchange-log'] }).catch(
  (error: NodeJS.ErrnoException) => fail(error.code === 'EADDRINUSE' ? `port ${port} is already in use; pick another with --port` : error.message),
);
console.log(`SANDBOX_URL=${sandbox.url}`);
console.log(`SANDBOX_TOKEN=${sandbox.token}`);
console.log(`SANDBOX_ACCOUNT_ID=${sandbox.accountId}`);

const stop = () => void sandbox.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
