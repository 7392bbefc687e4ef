// `slate ls <folder-id> [--json]`: what is in a Frame.io folder.
import { parseArgs } from 'node:util';
import type { Asset } from '../../core/api/types.ts';
import { printJson, UsageError } from '../output.ts';
import { formatBytes } from '../progress-bar.ts';
import { chooseAccount, connect, connectionOptions } from '../session.ts';
import { AccountApi } from '../../core/api/resources.ts';

export async function ls(args: string[], json: boolean): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: connectionOptions, strict: true });
  const [folderId] = positionals;
  if (!folderId || positionals.length > 1) throw new UsageError('Usage: slate ls <folder-id>');
  const client = connect(values);
  const api = new AccountApi(client, await chooseAccount(client, values));
  const items: Asset[] = await Array.fromAsync(api.listChildren(folderId));
  if (json) {
    printJson({ ok: true, items });
    return 0;
  }
  for (const item of items) {
    const size = item.type === 'file' ? formatBytes(item.file_size).padStart(10) : ''.padStart(10);
    const kind = item.type === 'folder' ? 'folder' : item.type === 'version_stack' ? 'stack' : (item.status === 'created' ? 'partial' : 'file');
    console.log(`${kind.padEnd(7)} ${size}  ${item.id}  ${item.name}${item.type === 'folder' ? '/' : ''}`);
  }
  if (items.length === 0) console.log('(empty)');
  return 0;
}
