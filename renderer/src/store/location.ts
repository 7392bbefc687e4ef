// Keeps the address bar and the place on screen in step: moving writes the address (a new history
// entry, so back and forward walk the places), and back, forward or a reload opens the place the
// address names. The service remembers the last place per Frame.io server, for the next start: the
// page's own storage would lose it when the web agent comes back on another port (another origin).
import { formatAddress, parseAddress, type Address } from '../lib/address.ts';
import { call } from '../slate.ts';
import { useBrowse, type PlaceToOpen } from './browse.ts';
import { useNavigation } from './navigation.ts';
import { useReview } from './review.ts';
import { useSession } from './session.ts';

/** What history keeps beside each address: the names of its folders, so going back needs no listing. */
interface EntryState {
  names?: Record<string, string>;
}

/** Set while an address is being opened: its steps on the way are not places of their own. */
let opening = 0;
/** The address the page was opened at, until the Projects screen first opens a place from it. */
let initial: Address | undefined;

function current(): Address {
  const { view } = useNavigation.getState();
  const { accountId, workspaceId, project, path } = useBrowse.getState();
  const { fileId } = useReview.getState();
  return {
    view,
    accountId,
    workspaceId,
    projectId: project?.id,
    path: path.slice(1).map(({ id, kind }) => ({ id, kind })),
    fileId: view === 'projects' && project ? fileId : undefined,
  };
}

function names(): EntryState {
  return { names: Object.fromEntries(useBrowse.getState().path.slice(1).map((crumb) => [crumb.id, crumb.name])) };
}

/** The place last sent to the service, so moving within the page asks it only when the place changed. */
let remembered: string | null | undefined;

/** A place not remembered (the service out of reach) only means the next start opens the default place. */
function remember(hash: string): void {
  if (hash === remembered) return;
  remembered = hash;
  call('place:remember', { address: hash }).catch(() => {
    remembered = undefined;
  });
}

async function lastPlace(): Promise<string | null> {
  remembered = await call('place:last', {}).then(
    (last) => last.address,
    () => undefined,
  );
  return remembered ?? null;
}

function write(how: 'push' | 'replace'): void {
  const address = current();
  const hash = formatAddress(address);
  if (address.projectId) remember(hash);
  if (hash === window.location.hash) return;
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  if (how === 'push') window.history.pushState(names(), '', url);
  else window.history.replaceState(names(), '', url);
}

async function whileOpening<T>(work: () => Promise<T>): Promise<T> {
  opening++;
  try {
    return await work();
  } finally {
    opening--;
    if (opening === 0) write('replace');
  }
}

function placeOf(address: Address, known: EntryState | null): PlaceToOpen | undefined {
  const { accountId, workspaceId, projectId } = address;
  if (!accountId || !workspaceId || !projectId) return undefined;
  return { accountId, workspaceId, projectId, path: address.path.map((step) => ({ ...step, name: known?.names?.[step.id] })) };
}

/** Opens what an address names, changing only what differs from what is on screen. */
async function open(address: Address, known: EntryState | null): Promise<void> {
  useNavigation.getState().go(address.view);
  if (address.view !== 'projects') return;
  const here = formatAddress({ ...current(), fileId: undefined });
  const there = formatAddress({ ...address, fileId: undefined });
  const place = placeOf(address, known);
  if (here !== there && place) await useBrowse.getState().openPlace(place);
  const review = useReview.getState();
  const accountId = useBrowse.getState().accountId;
  if (!address.fileId) {
    if (review.fileId) review.close();
  } else if (accountId && address.fileId !== review.fileId) {
    const last = address.path.at(-1);
    await review.open(accountId, address.fileId, last?.kind === 'stack' ? last.id : undefined);
  }
}

/**
 * The first place the Projects screen opens: the page's own address, else the last place on this
 * server, else where the server says a first run starts (the demo's media), else the first account.
 */
export function openStart(): Promise<void> {
  return whileOpening(async () => {
    const browse = useBrowse.getState();
    const { info, accounts } = useSession.getState();
    const fromAddress = initial;
    initial = undefined;
    const saved = await lastPlace();
    const candidates: Array<{ place: PlaceToOpen; fileId?: string }> = [];
    const fromPage = fromAddress && placeOf(fromAddress, window.history.state as EntryState | null);
    if (fromPage) candidates.push({ place: fromPage, fileId: fromAddress.fileId });
    const last = saved ? parseAddress(saved) : undefined;
    const fromLast = last && placeOf(last, null);
    if (fromLast) candidates.push({ place: fromLast, fileId: last.fileId });
    if (info?.start) candidates.push({ place: { ...info.start, path: info.start.folderIds.map((id) => ({ id, kind: 'folder' as const })) } });
    for (const candidate of candidates) {
      if (!accounts.some((a) => a.id === candidate.place.accountId)) continue;
      if (await browse.openPlace(candidate.place)) {
        const { accountId, path } = useBrowse.getState();
        const here = path.at(-1);
        if (candidate.fileId && accountId) await useReview.getState().open(accountId, candidate.fileId, here?.kind === 'stack' ? here.id : undefined);
        return;
      }
    }
    const first = accounts[0];
    if (first) await browse.chooseAccount(first.id);
  });
}

const editable = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** Alt+← and Alt+→ walk the history (as a browser's do); Backspace goes to the folder above. */
function onKey(event: KeyboardEvent): void {
  if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
    if (editable(event.target)) return;
    event.preventDefault();
    if (event.key === 'ArrowLeft') window.history.back();
    else window.history.forward();
    return;
  }
  if (event.key !== 'Backspace' || event.altKey || event.ctrlKey || event.metaKey || editable(event.target)) return;
  if (useNavigation.getState().view !== 'projects' || useReview.getState().fileId) return;
  event.preventDefault();
  void useBrowse.getState().goUp();
}

/** Starts following the address; returns the stop. */
export function startLocation(): () => void {
  initial = parseAddress(window.location.hash);
  useNavigation.getState().go(initial.view);
  let last = formatAddress(current());
  const moved = () => {
    const hash = formatAddress(current());
    if (hash === last) return;
    const before = parseAddress(last);
    last = hash;
    if (opening > 0) return;
    // Choosing an account or workspace on the way to a project is not a place worth going back to.
    write(before.view === 'projects' && !before.projectId && current().view === 'projects' ? 'replace' : 'push');
  };
  const onPop = () => void whileOpening(() => open(parseAddress(window.location.hash), window.history.state as EntryState | null));
  const stops = [useNavigation.subscribe(moved), useBrowse.subscribe(moved), useReview.subscribe(moved)];
  window.addEventListener('popstate', onPop);
  window.addEventListener('keydown', onKey);
  return () => {
    stops.forEach((stop) => stop());
    window.removeEventListener('popstate', onPop);
    window.removeEventListener('keydown', onKey);
  };
}
