import { useRef, useState, type PointerEvent } from 'react';
import type { Shape } from '../../../../preload/contract.ts';
import { extendStroke, penShape, shapeFromDrag, toPicture, type Box, type Point } from '../../lib/drawing.ts';
import { useDraft } from '../../store/draft.ts';
import { ShapeView } from './ShapeView.tsx';

interface Props {
  picture: Box;
  shown: readonly Shape[];
  /** the frame (or a document's page) showing: a drawing belongs to the one it was begun on */
  at: number;
  /** called as a stroke begins: keep the picture still, on the frame or page the drawing is on */
  hold(drawnAt: number | null): void;
}

/**
 * Laid exactly over the picture: shows the selected comment's drawing and the one being made, and
 * turns drags into shapes while a drawing tool is in hand.
 */
export function DrawingLayer({ picture, shown, at: showing, hold }: Props) {
  const { tool, color, size, shapes, frame: drawnAt, add } = useDraft();
  const [stroke, setStroke] = useState<Point[] | null>(null);
  const svg = useRef<SVGSVGElement>(null);

  const at = (event: PointerEvent) => {
    const r = svg.current!.getBoundingClientRect();
    return toPicture(event.clientX, event.clientY, { left: r.left, top: r.top, width: r.width, height: r.height });
  };
  const shapeOf = (points: readonly Point[]) => (tool === 'pen' ? penShape(points, color, size) : tool && shapeFromDrag(tool, points[0]!, points.at(-1)!, color, size));
  const preview = stroke && stroke.length > 1 ? shapeOf(stroke) : undefined;
  // The drawing belongs to its frame or page: elsewhere it waits, out of sight.
  const drawing = drawnAt === null || drawnAt === showing ? shapes : [];
  const all = [...shown, ...drawing, ...(preview ? [preview] : [])];

  return (
    <svg
      ref={svg}
      className={`drawing-layer${tool ? ' drawing' : ''}`}
      style={{ left: picture.left, top: picture.top, width: picture.width, height: picture.height }}
      viewBox={`0 0 ${picture.width} ${picture.height}`}
      role="img"
      aria-label={tool ? `Drawing area: drag to draw a ${tool === 'rect' ? 'rectangle' : tool}` : 'Drawings on this frame'}
      data-testid="drawing-layer"
      onPointerDown={(event) => {
        if (!tool) return;
        hold(drawnAt);
        event.currentTarget.setPointerCapture(event.pointerId);
        setStroke([at(event)]);
      }}
      onPointerMove={(event) => {
        if (stroke) setStroke(tool === 'pen' ? extendStroke(stroke, at(event)) : [stroke[0]!, at(event)]);
      }}
      onPointerUp={(event) => {
        if (!stroke) return;
        const shape = shapeOf(tool === 'pen' ? extendStroke(stroke, at(event)) : [stroke[0]!, at(event)]);
        if (shape) add(shape, showing);
        setStroke(null);
      }}
      onPointerCancel={() => setStroke(null)}
    >
      {all.map((shape, i) => (
        <ShapeView key={i} shape={shape} width={picture.width} height={picture.height} />
      ))}
    </svg>
  );
}
