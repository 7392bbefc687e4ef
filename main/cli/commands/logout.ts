// `slate logout [--profile <email|id>]`: revoke the sign-in at IMS, then forget it here. Forgetting
// always happens; when IMS could not be told, the exit code says so and the token lives until it
// expires.
import { parseArgs } from 'node:util';
import { FRAMEIO_API_URL, signedInServers } from '../../core/api/auth/connection.ts';
import { SignInError } from '../../core/api/auth/errors.ts';
import { SignIns } from '../../core/api/auth/sign-ins.ts';
import { ProfileBook } from '../../core/api/auth/vault.ts';
import packageJson from '../../../package.json' with { type: 'json' };
import { EXIT, printJson, UsageError } from '../output.ts';
import { openVault } from '../session.ts';
import { reportSignInFailure } from './sign-in-output.ts';

export async function logout(args: string[], json: boolean): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { 'api-url': { type: 'string' }, profile: { type: 'string' }, 'data-dir': { type: 'string' } } });
  const vault = openVault(values);
  const servers = signedInServers(vault);
  const apiUrl = values['api-url'] ?? process.env.SLATE_API_URL ?? (servers.length === 1 ? servers[0]! : FRAMEIO_API_URL);
  const signIns = new SignIns(new ProfileBook(vault, apiUrl), { userAgent: `Slate/${packageJson.version}` });
  const wanted = values.profile;
  const match = wanted === undefined ? signIns.current() : signIns.list().find((p) => p.id === wanted || p.email.toLowerCase() === wanted.toLowerCase());
  if (wanted !== undefined && !match) throw new UsageError(`No profile "${wanted}" for ${apiUrl}; \`slate whoami\` lists them.`);
  if (!match) {
    // Nothing to sign out of is not a failure: the end state is the one asked for.
    if (json) printJson({ ok: true, profile: null, revoked: false });
    else console.log(`Nobody is signed in to ${apiUrl}.`);
    return EXIT.ok;
  }
  try {
    const result = await signIns.signOut(match.id);
    if (json) {
      printJson({ ok: result.revoked, profile: result.profile, revoked: result.revoked, problem: result.problem });
    } else {
      console.log(`Signed out ${result.profile.email} from ${apiUrl}.`);
      if (!result.revoked) console.error(`slate: the sign-in server could not revoke it (${result.problem}); it stays valid there until it expires.`);
    }
    return result.revoked ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (error instanceof SignInError) return reportSignInFailure(error, json);
    throw error;
  }
}
