// The place on screen as the address bar shows it, so back/forward and a reload keep it:
// `#/transfers`, or `#/projects/<account>/<workspace>/<project>/<folder>/stack:<stack>/view:<file>`.
import { VIEWS, type ViewId } from '../store/navigation.ts';

export interface AddressStep {
  id: string;
  kind: 'folder' | 'stack';
}

export interface Address {
  view: ViewId;
  accountId?: string;
  workspaceId?: string;
  projectId?: string;
  /** the folders and stacks below the project's root, outermost first */
  path: AddressStep[];
  /** the file open in the viewer */
  fileId?: string;
}

const isView = (value: string | undefined): value is ViewId => VIEWS.some((v) => v.id === value);

export function formatAddress(address: Address): string {
  if (address.view !== 'projects') return `#/${address.view}`;
  const parts: string[] = ['projects'];
  for (const id of [address.accountId, address.workspaceId, address.projectId]) {
    if (!id) return `#/${parts.join('/')}`;
    parts.push(encodeURIComponent(id));
  }
  for (const step of address.path) parts.push((step.kind === 'stack' ? 'stack:' : '') + encodeURIComponent(step.id));
  if (address.fileId) parts.push(`view:${encodeURIComponent(address.fileId)}`);
  return `#/${parts.join('/')}`;
}

/** What an address names; anything it cannot read is the Projects screen with nothing chosen. */
export function parseAddress(hash: string): Address {
  const [view, ...rest] = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (!isView(view)) return { view: 'projects', path: [] };
  if (view !== 'projects') return { view, path: [] };
  const decoded = rest.map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return '';
    }
  });
  if (decoded.some((part) => part === '')) return { view, path: [] };
  const [accountId, workspaceId, projectId, ...below] = decoded;
  const path: AddressStep[] = [];
  let fileId: string | undefined;
  for (const part of below) {
    if (part.startsWith('view:')) {
      fileId = part.slice('view:'.length) || undefined;
      break;
    }
    path.push(part.startsWith('stack:') ? { id: part.slice('stack:'.length), kind: 'stack' } : { id: part, kind: 'folder' });
  }
  return { view, accountId, workspaceId, projectId, path, fileId: projectId ? fileId : undefined };
}
