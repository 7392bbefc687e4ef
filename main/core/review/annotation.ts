// Drawings on a frame, as Frame.io stores them: a JSON string holding an array of shapes whose
// coordinates are fractions of the frame (0..1), so they land in the same place at any size.
//   rect  {"tool":"rect","color":"#F22237","size":8,"x":…,"y":…,"w":…,"h":…}  (Frame.io's own example)
//   arrow {"tool":"arrow","color":…,"size":…,"x1":…,"y1":…,"x2":…,"y2":…}  tail to head
//   pen   {"tool":"pen","color":…,"size":…,"points":[[x,y],…]}

export interface RectShape {
  tool: 'rect';
  color: string;
  size: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ArrowShape {
  tool: 'arrow';
  color: string;
  size: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PenShape {
  tool: 'pen';
  color: string;
  size: number;
  points: Array<[number, number]>;
}

export type Shape = RectShape | ArrowShape | PenShape;

export class AnnotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnnotationError';
  }
}

/** The API's limit on the annotation string (CreateCommentParams.annotation maxLength). */
export const MAX_ANNOTATION_LENGTH = 200_000;
const MAX_PEN_POINTS = 10_000;
/** Rounding from a canvas can put an edge a hair past the frame; that much is let through. */
const EDGE = 1e-9;

/** Checks shapes before they are sent, and returns them as the JSON string the API stores. */
export function serializeAnnotation(shapes: unknown): string {
  if (!Array.isArray(shapes) || shapes.length === 0) throw new AnnotationError('An annotation is a non-empty list of shapes.');
  const clean = shapes.map((shape, i) => checkShape(shape, `Shape ${i + 1}`));
  const text = JSON.stringify(clean);
  if (text.length > MAX_ANNOTATION_LENGTH) throw new AnnotationError(`The drawing is too detailed (${text.length} characters; Frame.io takes up to ${MAX_ANNOTATION_LENGTH}). Draw fewer or shorter strokes.`);
  return text;
}

/**
 * The shapes of a stored annotation, for drawing them back. Other Frame.io clients may draw with
 * tools Slate does not know or add fields of their own: unknown shapes are left out and extra
 * fields dropped rather than losing the whole drawing.
 */
export function parseAnnotation(text: string | null | undefined): Shape[] {
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((shape) => {
    try {
      return [checkShape(shape, 'shape')];
    } catch {
      return [];
    }
  });
}

function checkShape(value: unknown, where: string): Shape {
  if (typeof value !== 'object' || value === null) throw new AnnotationError(`${where} is not an object.`);
  const shape = value as Record<string, unknown>;
  const tool = shape.tool;
  const named = `${where} (${String(tool)})`;
  const common = { color: colour(shape.color, named), size: strokeSize(shape.size, named) };
  if (tool === 'rect') {
    const [x, y, w, h] = (['x', 'y', 'w', 'h'] as const).map((k) => fraction(shape[k], k, named)) as [number, number, number, number];
    if (x + w > 1 + EDGE || y + h > 1 + EDGE) throw new AnnotationError(`${named} reaches past the edge of the frame.`);
    return { tool, ...common, x, y, w, h };
  }
  if (tool === 'arrow') {
    const [x1, y1, x2, y2] = (['x1', 'y1', 'x2', 'y2'] as const).map((k) => fraction(shape[k], k, named)) as [number, number, number, number];
    return { tool, ...common, x1, y1, x2, y2 };
  }
  if (tool === 'pen') {
    const points = shape.points;
    if (!Array.isArray(points) || points.length === 0) throw new AnnotationError(`${named} needs at least one point.`);
    if (points.length > MAX_PEN_POINTS) throw new AnnotationError(`${named} has ${points.length} points; the most is ${MAX_PEN_POINTS}.`);
    return {
      tool,
      ...common,
      points: points.map((p: unknown, i) => {
        if (!Array.isArray(p) || p.length !== 2) throw new AnnotationError(`${named}: point ${i + 1} is not [x, y].`);
        return [fraction(p[0], `point ${i + 1} x`, named), fraction(p[1], `point ${i + 1} y`, named)];
      }),
    };
  }
  throw new AnnotationError(`${where} has tool ${JSON.stringify(tool)}; Slate draws "rect", "arrow" and "pen".`);
}

function fraction(value: unknown, name: string, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < -EDGE || value > 1 + EDGE) {
    throw new AnnotationError(`${where}: ${name} must be a number from 0 to 1 (a fraction of the frame), got ${JSON.stringify(value)}.`);
  }
  return Math.min(1, Math.max(0, value));
}

function colour(value: unknown, where: string): string {
  if (typeof value !== 'string' || !/^#[0-9a-f]{6}$/i.test(value)) throw new AnnotationError(`${where}: color must be #RRGGBB, got ${JSON.stringify(value)}.`);
  return value.toUpperCase();
}

function strokeSize(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 100) {
    throw new AnnotationError(`${where}: size must be a stroke width above 0 and at most 100, got ${JSON.stringify(value)}.`);
  }
  return value;
}
