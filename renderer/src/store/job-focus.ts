// A job another part of the page asked to show (a clicked notification): the Transfers screen opens
// its row and moves focus there, then clears the request.
import { create } from 'zustand';

interface JobFocusState {
  jobId?: string;
  focus(jobId: string): void;
  shown(): void;
}

export const useJobFocus = create<JobFocusState>((set) => ({
  focus: (jobId) => set({ jobId }),
  shown: () => set({ jobId: undefined }),
}));
