// The sandbox in its own process for benches that measure Slate's own cost per call: every call
// admitted, and answers that tell the client a limit 1,000 times the documented one, so the
// client's pacing (which follows what the server says) does not hold it to Frame.io's rates.
// `node test/bench/_sandbox-unpaced.ts <data dir>`; prints the SANDBOX_* lines as `npm run sandbox` does.
import { startSandbox } from '../../main/sandbox/server.ts';

const sandbox = await startSandbox({ dataDir: process.argv[2], seed: 'minimal', rateLimits: 'off', rateLimitScale: 1_000 });
console.log(`SANDBOX_URL=${sandbox.url}`);
console.log(`SANDBOX_TOKEN=${sandbox.token}`);
console.log(`SANDBOX_ACCOUNT_ID=${sandbox.accountId}`);
console.log(`SANDBOX_ROOT_FOLDER_ID=${sandbox.rootFolderId}`);
process.once('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
