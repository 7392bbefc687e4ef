// Drawing on a frame. Shapes are stored as fractions of the picture (0..1), so the same drawing
// lands in the same place at any window size; these turn pointer drags into such shapes.
import type { Shape } from '../../../preload/contract.ts';

export type Tool = Shape['tool'];
export type Point = readonly [number, number];

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Where a picture of `media` size sits inside `box` when scaled to fit without cropping (object-fit: contain). */
export function containRect(box: { width: number; height: number }, media: { width: number; height: number }): Box {
  if (media.width <= 0 || media.height <= 0 || box.width <= 0 || box.height <= 0) return { left: 0, top: 0, width: box.width, height: box.height };
  const scale = Math.min(box.width / media.width, box.height / media.height);
  const width = media.width * scale;
  const height = media.height * scale;
  return { left: (box.width - width) / 2, top: (box.height - height) / 2, width, height };
}

const unit = (n: number) => Math.min(1, Math.max(0, n));

/** A pointer position as a point on the picture, held inside it. */
export function toPicture(clientX: number, clientY: number, picture: Box): Point {
  return [unit((clientX - picture.left) / picture.width), unit((clientY - picture.top) / picture.height)];
}

/** Drags shorter than this (a fraction of the picture) are taken for clicks and draw nothing. */
const MIN_DRAG = 0.01;

export function shapeFromDrag(tool: 'rect' | 'arrow', from: Point, to: Point, color: string, size: number): Shape | undefined {
  if (Math.hypot(to[0] - from[0], to[1] - from[1]) < MIN_DRAG) return undefined;
  if (tool === 'arrow') return { tool, color, size, x1: from[0], y1: from[1], x2: to[0], y2: to[1] };
  return { tool, color, size, x: Math.min(from[0], to[0]), y: Math.min(from[1], to[1]), w: Math.abs(to[0] - from[0]), h: Math.abs(to[1] - from[1]) };
}

/** Pen points closer than this to the last kept one add nothing visible but length. */
const PEN_STEP = 0.002;

export function extendStroke(points: readonly Point[], next: Point): Point[] {
  const last = points.at(-1);
  return last && Math.hypot(next[0] - last[0], next[1] - last[1]) < PEN_STEP ? [...points] : [...points, next];
}

/** The contract takes at most 2,000 points a stroke: a longer one keeps every n-th, and its end. */
export function penShape(points: readonly Point[], color: string, size: number): Shape | undefined {
  if (points.length < 2) return undefined;
  const step = Math.ceil(points.length / 2000);
  const kept = points.filter((_, i) => i % step === 0);
  if (kept.at(-1) !== points.at(-1)) kept[kept.length - 1] = points.at(-1)!;
  return { tool: 'pen', color, size, points: kept.map(([x, y]) => [x, y] as [number, number]) };
}
