// `slate ls <folder-id> [--json]`: what is in a Frame.io folder (on a legacy V2 profile, an asset:
// a folder's contents or a version stack's versions).
import { parseArgs } from 'node:util';
import type { Asset } from '../../core/api/types.ts';
import type { V2Asset } from '../../core/api/v2/types.ts';
import { printJson, UsageError } from '../output.ts';
import { formatBytes } from '../progress-bar.ts';
import { chooseAccount, connection, connectionOptions, legacyApi } from '../session.ts';
import { AccountApi } from '../../core/api/resources.ts';
import { FrameioClient } from '../../core/api/client.ts';
import packageJson from '../../../package.json' with { type: 'json' };

interface Row {
  kind: 'folder' | 'stack' | 'file' | 'partial';
  size: number | null;
  id: string;
  name: string;
}

export async function ls(args: string[], json: boolean): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: connectionOptions, strict: true });
  const [folderId] = positionals;
  if (!folderId || positionals.length > 1) throw new UsageError('Usage: slate ls <folder-id>');
  const conn = connection(values);
  let items: Array<Asset | V2Asset>;
  let rows: Row[];
  if (conn.api === 'v2') {
    const assets = await Array.fromAsync(legacyApi(conn).children(folderId));
    items = assets;
    rows = assets.map(v2Row);
  } else {
    const client = new FrameioClient({ baseUrl: conn.apiUrl, tokens: conn.tokens, userAgent: `Slate/${packageJson.version}` });
    const assets = await Array.fromAsync(new AccountApi(client, await chooseAccount(client, values)).listChildren(folderId));
    items = assets;
    rows = assets.map(v4Row);
  }
  if (json) {
    printJson({ ok: true, items });
    return 0;
  }
  for (const row of rows) {
    const size = (row.size === null ? '' : formatBytes(row.size)).padStart(10);
    console.log(`${row.kind.padEnd(7)} ${size}  ${row.id}  ${row.name}${row.kind === 'folder' ? '/' : ''}`);
  }
  if (rows.length === 0) console.log('(empty)');
  return 0;
}

function v4Row(item: Asset): Row {
  if (item.type === 'file') return { kind: item.status === 'created' ? 'partial' : 'file', size: item.file_size, id: item.id, name: item.name };
  return { kind: item.type === 'folder' ? 'folder' : 'stack', size: null, id: item.id, name: item.name };
}

function v2Row(item: V2Asset): Row {
  if (item.type === 'file') return { kind: item.upload_completed_at ? 'file' : 'partial', size: item.filesize ?? null, id: item.id, name: item.name };
  return { kind: item.type === 'folder' ? 'folder' : 'stack', size: null, id: item.id, name: item.name };
}
