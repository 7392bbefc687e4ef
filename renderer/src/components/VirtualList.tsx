// Renders only the rows in view (plus a margin), so a folder of 10,000 items scrolls like one of 10.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface Props<T> {
  items: T[];
  rowHeight: number;
  renderRow(item: T, index: number): ReactNode;
  label: string;
  overscan?: number;
}

export function VirtualList<T>({ items, rowHeight, renderRow, label, overscan = 8 }: Props<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  return (
    <div ref={viewport} className="virtual-viewport" role="rowgroup" aria-label={label} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>
        {items.slice(first, last).map((item, offset) => (
          <div key={first + offset} className="virtual-row" style={{ top: (first + offset) * rowHeight, height: rowHeight }}>
            {renderRow(item, first + offset)}
          </div>
        ))}
      </div>
    </div>
  );
}
