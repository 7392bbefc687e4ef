// The drawing being made for the next comment: the pen in hand and the shapes so far.
import { create } from 'zustand';
import type { Shape } from '../../../preload/contract.ts';
import type { Tool } from '../lib/drawing.ts';

export const COLOURS = [
  { value: '#F22237', label: 'Red' },
  { value: '#FFC400', label: 'Yellow' },
  { value: '#2ECC71', label: 'Green' },
  { value: '#3D8BFF', label: 'Blue' },
  { value: '#FFFFFF', label: 'White' },
] as const;

interface DraftState {
  /** null when the pointer is not drawing */
  tool: Tool | null;
  color: string;
  size: number;
  shapes: Shape[];
  /** the frame (a document's page) the drawing is on, from its first shape: the comment goes there wherever the playhead wanders */
  frame: number | null;
  setTool(tool: Tool | null): void;
  setColor(color: string): void;
  add(shape: Shape, frame: number): void;
  undo(): void;
  clear(): void;
}

export const useDraft = create<DraftState>((set, get) => ({
  tool: null,
  color: COLOURS[0].value,
  size: 4,
  shapes: [],
  frame: null,
  setTool: (tool) => set({ tool }),
  setColor: (color) => set({ color }),
  add: (shape, frame) => set({ shapes: [...get().shapes, shape], frame: get().frame ?? frame }),
  undo() {
    const shapes = get().shapes.slice(0, -1);
    set({ shapes, frame: shapes.length ? get().frame : null });
  },
  clear: () => set({ shapes: [], frame: null, tool: null }),
}));
