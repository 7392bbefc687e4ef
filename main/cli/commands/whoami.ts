// `slate whoami [--json]`: who the stored sign-in (or SLATE_TOKEN) is on the server, which API it
// speaks (a legacy account's reads "Legacy (V2)"), and the other profiles `slate login --use` can switch to.
import { parseArgs } from 'node:util';
import { FrameioClient } from '../../core/api/client.ts';
import packageJson from '../../../package.json' with { type: 'json' };
import { printJson } from '../output.ts';
import { connection, connectionOptions, legacyApi } from '../session.ts';

const API_LABEL = { v4: 'Frame.io V4', v2: 'Legacy (V2)' } as const;

export async function whoami(args: string[], json: boolean): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: connectionOptions });
  const conn = connection(values);
  const { apiUrl, tokens, book } = conn;
  const me = conn.api === 'v2' ? await legacyApi(conn).me() : await new FrameioClient({ baseUrl: apiUrl, tokens, userAgent: `Slate/${packageJson.version}` }).me();
  const profiles = book?.list() ?? [];
  const source = book ? `profile ${book.current()?.credential?.kind ?? 'signed-out'}` : 'token from --token or SLATE_TOKEN';
  if (json) {
    printJson({ ok: true, apiUrl, api: conn.api, apiLabel: API_LABEL[conn.api], user: { id: me.id, name: me.name, email: me.email }, source, profiles });
    return 0;
  }
  console.log(`${me.name} <${me.email}> on ${apiUrl}, ${API_LABEL[conn.api]} (${source})`);
  const others = profiles.filter((p) => !p.current);
  if (others.length > 0) console.log(`Also signed in (switch with \`slate login --use <email>\`):`);
  for (const p of others) console.log(`  ${p.name} <${p.email}>${p.api === 'v2' ? `  ${API_LABEL.v2}` : ''}${p.kind === 'signed-out' ? '  (needs to sign in again)' : ''}`);
  return 0;
}
