// `slate login`: sign in with Adobe IMS (PKCE, loopback redirect) and keep the tokens in the data
// folder's 0600 vault; or keep a developer (--legacy) or bearer token given with --token; or
// switch to another signed-in profile with --use.
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
import { openVault } from '../session.ts';
import { reportSignInFailure } from './sign-in-output.ts';

const USAGE = 'Usage: slate login [--api-url URL] [--ims-url URL] [--client-id ID] [--no-browser] [--port N] | --token T [--legacy] | --use <email|id>';

export async function login(args: string[], json: boolean): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
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
      use: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(USAGE);
  const env = process.env;
  const apiUrl = values['api-url'] ?? env.SLATE_API_URL ?? FRAMEIO_API_URL;
  const signIns = new SignIns(new ProfileBook(openVault(values, env), apiUrl), { userAgent: `Slate/${packageJson.version}` });
  try {
    if (values.use) return done(useProfile(signIns, values.use), signIns, json, 'Now using');
    if (values.token) return done(await signIns.withToken(values.token, values.legacy ? 'legacy' : 'bearer'), signIns, json, 'Signed in as');
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
    console.log(`${verb} ${profile.name} <${profile.email}> on ${profile.apiUrl}.`);
    console.log(`Sign-ins are kept in ${signIns.book.location}, readable only by you.`);
  }
  return 0;
}
