// `slate login`: sign in with Adobe IMS (PKCE, loopback redirect) and keep the tokens in the data
// folder's 0600 vault; or keep a developer (--legacy) or bearer token given with --token (read from
// standard input or a hidden prompt with `--token -`), for V4 or, with --api v2, a legacy V2 account; or switch to another signed-in profile with --use.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { FRAMEIO_API_URL } from '../../core/api/auth/connection.ts';
import { SignInError } from '../../core/api/auth/errors.ts';
import { ADOBE_IMS_URL } from '../../core/api/auth/ims.ts';
import { loopbackReceiver } from '../../core/api/auth/redirect.ts';
import { SignIns } from '../../core/api/auth/sign-ins.ts';
import { ProfileBook, type ProfileSummary } from '../../core/api/auth/vault.ts';
import packageJson from '../../../package.json' with { type: 'json' };
import { printJson, printJsonLine, UsageError } from '../output.ts';
import { promptHidden, readPiped } from '../secret-input.ts';
import { openVault } from '../session.ts';
import { exitCodeFor } from '../stop-signals.ts';
import { reportSignInFailure } from './sign-in-output.ts';

const USAGE = 'Usage: slate login [--api-url URL] [--ims-url URL] [--client-id ID] [--no-browser] [--port N] | --token - [--legacy] [--api v4|v2] | --use <email|id>';
/** `--token` with nothing after it reads the token as `--token -` does. */
const FROM_INPUT = '-';

export async function login(args: string[], json: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args: args.flatMap((arg, i) => (arg === '--token' && (i === args.length - 1 || args[i + 1]!.startsWith('--')) ? [arg, FROM_INPUT] : [arg])),
    strict: true,
    allowPositionals: true,
    options: {
      'api-url': { type: 'string' },
      'ims-url': { type: 'string' },
      'client-id': { type: 'string' },
      'no-browser': { type: 'boolean' },
      port: { type: 'string' },
      timeout: { type: 'string' },
      token: { type: 'string' },
      legacy: { type: 'boolean' },
      api: { type: 'string' },
      use: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(USAGE);
  const env = process.env;
  const apiUrl = values['api-url'] ?? env.SLATE_API_URL ?? FRAMEIO_API_URL;
  const api = values.api ?? 'v4';
  if (api !== 'v4' && api !== 'v2') throw new UsageError(`--api must be v4 or v2 (v2 for a legacy Frame.io account), got "${api}".`);
  if (api === 'v2' && values.token === undefined) throw new UsageError('--api v2 goes with --token: legacy (V2) accounts sign in with a developer token, not through Adobe.');
  const signIns = new SignIns(new ProfileBook(openVault(values, env), apiUrl), { userAgent: `Slate/${packageJson.version}` });
  try {
    if (values.use) return done(useProfile(signIns, values.use), signIns, json, 'Now using');
    if (values.token !== undefined) {
      const token = values.token === FROM_INPUT ? await tokenFromInput() : values.token;
      if (token === undefined) {
        console.error('slate: sign-in cancelled; nothing was kept.');
        return exitCodeFor('SIGINT');
      }
      return done(await signIns.withToken(token, values.legacy ? 'legacy' : 'bearer', api), signIns, json, 'Signed in as');
    }
    if (values.legacy) throw new UsageError('--legacy goes with --token: it marks the token as a Frame.io legacy developer token.');
    const clientId = values['client-id'] ?? env.SLATE_IMS_CLIENT_ID;
    if (!clientId) throw new UsageError('No IMS client id: pass --client-id or set SLATE_IMS_CLIENT_ID (the client id of Slate\'s "OAuth Native App" credential).');
    const port = values.port === undefined ? 0 : Number(values.port);
    const timeoutS = values.timeout === undefined ? 300 : Number(values.timeout);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port ${values.port} is not a port number.`);
    if (!(timeoutS > 0)) throw new UsageError(`--timeout ${values.timeout} is not a number of seconds.`);

    const receiver = await loopbackReceiver(port);
    const interrupted = new AbortController();
    const onInterrupt = () => interrupted.abort(new SignInError('cancelled', 'The sign-in was interrupted.'));
    process.once('SIGINT', onInterrupt);
    try {
      const profile = await signIns.withBrowser({
        ims: { imsUrl: values['ims-url'] ?? env.SLATE_IMS_URL ?? ADOBE_IMS_URL, clientId },
        receiver,
        timeoutMs: timeoutS * 1000,
        signal: interrupted.signal,
        open: (url) => showAuthorizeUrl(url, !values['no-browser'], json),
      });
      return done(profile, signIns, json, 'Signed in as');
    } finally {
      process.off('SIGINT', onInterrupt);
      await receiver.close();
    }
  } catch (error) {
    if (error instanceof SignInError) return reportSignInFailure(error, json);
    throw error;
  }
}

/** Piped input when there is some, else a prompt that echoes nothing; never the command line. */
async function tokenFromInput(): Promise<string | undefined> {
  const { stdin } = process;
  const token = stdin.isTTY ? await promptHidden('Frame.io token (not shown): ', stdin, process.stderr) : await readPiped(stdin);
  if (token === '') throw new UsageError(stdin.isTTY ? 'No token was typed.' : 'No token on standard input: pipe one in, e.g. `slate login --token - < token.txt`.');
  return token;
}

function useProfile(signIns: SignIns, wanted: string): ProfileSummary {
  const match = signIns.list().find((p) => p.id === wanted || p.email.toLowerCase() === wanted.toLowerCase());
  if (!match) throw new UsageError(`No profile "${wanted}" for ${signIns.book.apiUrl}; \`slate whoami\` lists them.`);
  return signIns.use(match.id);
}

/** The URL is always printed so it can be opened by hand; a browser is tried as well unless --no-browser. */
function showAuthorizeUrl(url: string, browser: boolean, json: boolean): void {
  console.error(browser ? 'Opening your browser to sign in. If it does not open, visit this address on this machine:' : 'Open this address in a browser on this machine to sign in:');
  if (json) printJsonLine({ event: 'authorize', url });
  else console.log(`SLATE_AUTHORIZE_URL=${url}`);
  if (browser) openBrowser(url);
}

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  // No browser here (a server, a container): the printed address is the way in.
  child.on('error', () => console.error('slate: could not open a browser; use the address above.'));
  child.unref();
}

function done(profile: ProfileSummary, signIns: SignIns, json: boolean, verb: string): number {
  if (json) {
    printJson({ ok: true, profile });
  } else {
    console.log(`${verb} ${profile.name} <${profile.email}> on ${profile.apiUrl}${profile.api === 'v2' ? ', a Legacy (V2) account' : ''}.`);
    console.log(`Sign-ins are kept in ${signIns.book.location}, readable only by you.`);
  }
  return 0;
}
