import type { Shape } from '../../../../preload/contract.ts';

/** Stroke sizes are for a picture 1,000 pixels wide, so a drawing keeps its weight at any size. */
const strokeWidth = (size: number, width: number) => Math.max(1.5, (size * width) / 1000);

/** One shape, drawn in pixels on a picture `width` × `height`. */
export function ShapeView({ shape, width, height }: { shape: Shape; width: number; height: number }) {
  const common = { stroke: shape.color, strokeWidth: strokeWidth(shape.size, width), fill: 'none', strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const };
  switch (shape.tool) {
    case 'rect':
      return <rect {...common} x={shape.x * width} y={shape.y * height} width={shape.w * width} height={shape.h * height} data-shape="rect" />;
    case 'arrow': {
      const [x1, y1, x2, y2] = [shape.x1 * width, shape.y1 * height, shape.x2 * width, shape.y2 * height];
      const angle = Math.atan2(y2 - y1, x2 - x1);
      const head = Math.max(8, common.strokeWidth * 4);
      const barb = (side: number) => `${x2 - head * Math.cos(angle + side)},${y2 - head * Math.sin(angle + side)}`;
      return <polyline {...common} points={`${x1},${y1} ${x2},${y2} ${barb(0.5)} ${x2},${y2} ${barb(-0.5)}`} data-shape="arrow" />;
    }
    case 'pen':
      return <polyline {...common} points={shape.points.map(([x, y]) => `${x * width},${y * height}`).join(' ')} data-shape="pen" />;
  }
}
