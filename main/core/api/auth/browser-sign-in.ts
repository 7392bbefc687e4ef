// The authorization-code flow with PKCE, from the authorize URL to tokens: the person consents in
// their own browser, the redirect comes back to a receiver, and the state and verifier prove that
// the code belongs to this sign-in.
import { SignInError } from './errors.ts';
import type { ImsClient, ImsTokens } from './ims.ts';
import { createPkce, createState } from './pkce.ts';
import type { RedirectReceiver } from './redirect.ts';

export interface BrowserSignInOptions {
  ims: ImsClient;
  receiver: RedirectReceiver;
  /** shows the authorize URL: the system browser, or a line on the terminal */
  open: (authorizeUrl: string) => void | Promise<void>;
  /** how long the person has to finish in the browser (default 5 minutes) */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function browserSignIn(options: BrowserSignInOptions): Promise<ImsTokens> {
  const { ims, receiver } = options;
  const pkce = createPkce();
  const state = createState();
  const redirectUri = receiver.redirectUri;
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const timer = new AbortController();
  const clock = setTimeout(() => timer.abort(new SignInError('timeout', `Nobody finished the sign-in in the browser within ${Math.round(timeoutMs / 1000)} seconds.`)), timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal;
  try {
    await options.open(ims.authorizeUrl({ redirectUri, state, challenge: pkce.challenge }));
    const arrival = await receiver.next(signal);
    const params = arrival.url.searchParams;
    const fail = (error: SignInError): never => {
      arrival.answer({ ok: false, message: `${error.message} ${error.action}` });
      throw error;
    };
    // A redirect that does not carry our state was not started by this sign-in: never use its code.
    if (params.get('state') !== state) fail(new SignInError('state-mismatch', 'The sign-in came back with a state this sign-in did not send, so it was refused.'));
    const error = params.get('error');
    if (error === 'access_denied') fail(new SignInError('denied', 'Access was not allowed in the browser.'));
    if (error) fail(new SignInError('rejected', `The sign-in server reported ${error}${params.get('error_description') ? `: ${params.get('error_description')}` : ''}.`));
    const code = params.get('code');
    if (!code) return fail(new SignInError('invalid-answer', 'The sign-in came back without a code.'));
    let tokens: ImsTokens;
    try {
      tokens = await ims.exchangeCode(code, pkce.verifier, redirectUri);
    } catch (caught) {
      return fail(caught instanceof SignInError ? caught : new SignInError('unavailable', String(caught)));
    }
    arrival.answer({ ok: true, message: 'You can close this tab and go back to Slate.' });
    return tokens;
  } finally {
    clearTimeout(clock);
  }
}
