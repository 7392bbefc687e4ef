// The page showing of the PDF in the viewer, and how many pages it has.
import { create } from 'zustand';

interface PagesState {
  /** the page showing, from 1 */
  page: number;
  /** pages in the document; 0 until it has been read */
  pages: number;
  /** a new document: its first page, its length not yet known */
  reset(): void;
  /** the document has been read: a page asked for before then is held within it */
  opened(pages: number): void;
  goTo(page: number): void;
  step(delta: number): void;
}

const within = (page: number, pages: number) => Math.max(1, pages > 0 ? Math.min(page, pages) : page);

export const usePages = create<PagesState>((set, get) => ({
  page: 1,
  pages: 0,
  reset: () => set({ page: 1, pages: 0 }),
  opened: (pages) => set({ pages, page: within(get().page, pages) }),
  goTo(page) {
    if (Number.isInteger(page)) set({ page: within(page, get().pages) });
  },
  step: (delta) => get().goTo(get().page + delta),
}));
