// A row dragged out of the desktop window: the service brings small files into its drag cache and
// the system's drag starts with them; a folder, a stack or a big file downloads into the download
// folder instead, which the page then says. While the drag is out, a drop back on the window
// uploads nothing: it is Slate's own copy coming home.
import { create } from 'zustand';
import type { Asset, RequestOutput } from '../../../preload/contract.ts';
import { call } from '../slate.ts';
import { attempter, type Problem } from './problem.ts';

type Sent = Extract<RequestOutput<'drag:out'>, { way: 'download' }>;

export interface SentInstead {
  name: string;
  type: Asset['type'];
  reason: Sent['reason'];
  to: string;
  jobId: string | undefined;
}

interface DragOutState {
  outgoing: boolean;
  /** what a drag could not carry, downloading into the download folder instead */
  sent?: SentInstead;
  problem?: Problem;
  start(accountId: string, asset: Asset): Promise<void>;
  dismiss(): void;
}

export const useDragOut = create<DragOutState>((set) => {
  const attempt = attempter(set);
  // The system's drag holds the pointer: the first move without a button pressed is after the drop,
  // and picking something in another app (to drag it in) takes the focus from the window.
  const end = () => {
    window.removeEventListener('mousemove', moved);
    window.removeEventListener('blur', end);
    set({ outgoing: false });
  };
  const moved = (event: MouseEvent) => {
    if (event.buttons === 0) end();
  };
  return {
    outgoing: false,
    async start(accountId, asset) {
      set({ outgoing: true, sent: undefined, problem: undefined });
      window.addEventListener('mousemove', moved);
      window.addEventListener('blur', end);
      const worked = await attempt(async () => {
        const outcome = await call('drag:out', { accountId, assetIds: [asset.id] });
        if (outcome.way === 'download') set({ sent: { name: asset.name, type: asset.type, reason: outcome.reason, to: outcome.to, jobId: outcome.jobs[0]?.id } });
      });
      // No system drag started: nothing is out.
      if (!worked || useDragOut.getState().sent) end();
    },
    dismiss: () => set({ sent: undefined, problem: undefined }),
  };
});
