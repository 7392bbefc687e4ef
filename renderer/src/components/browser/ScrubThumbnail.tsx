import { useEffect, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { frameAt, placeFrame, SHEET_FRAMES, type Size } from '../../lib/scrub-sheet.ts';

interface Props {
  /** Frame.io's scrub sheet of the video; without one the still is all there is */
  sheetUrl: string | undefined;
  /** how the still fills its box, so a frame fills it the same way */
  fit: 'cover' | 'contain';
  className: string;
  /** given, the frames can also be stepped through with ←/→: a slider of this name */
  label?: string;
  /** the still thumbnail, shown whenever no frame is */
  children: ReactNode;
}

/** The sheet's size once loaded, asked for only once someone scrubs; undefined until then, or when it cannot be loaded. */
function useSheet(url: string | undefined, wanted: boolean): Size | undefined {
  const [loaded, setLoaded] = useState<{ url: string; size?: Size }>();
  const asked = url !== undefined && loaded?.url === url;
  useEffect(() => {
    if (!url || !wanted || asked) return;
    setLoaded({ url });
    const image = new Image();
    image.onload = () => setLoaded({ url, size: { width: image.naturalWidth, height: image.naturalHeight } });
    image.src = url;
  }, [url, wanted, asked]);
  return asked ? loaded?.size : undefined;
}

/**
 * A thumbnail that scrubs through its video's frames: moving the pointer across it shows the frame
 * at that point, and so do ←/→ when it is a slider with focus; leaving it shows the still again. A
 * sheet that cannot be loaded leaves the still alone.
 */
export function ScrubThumbnail({ sheetUrl, fit, className, label, children }: Props) {
  const [at, setAt] = useState<{ index: number; box: Size }>();
  const sheet = useSheet(sheetUrl, at !== undefined);
  const frame = sheet && at && placeFrame(sheet, at.box, at.index, fit);

  const boxOf = (element: HTMLElement): Size => ({ width: element.clientWidth, height: element.clientHeight });
  const onPointerMove = (event: PointerEvent<HTMLSpanElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    setAt({ index: frameAt(event.clientX - rect.left, rect.width), box: boxOf(event.currentTarget) });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLSpanElement>) => {
    const last = SHEET_FRAMES - 1;
    const steps: Record<string, number | undefined> = {
      ArrowRight: at ? Math.min(last, at.index + 1) : 0,
      ArrowLeft: at && at.index > 0 ? at.index - 1 : undefined,
      Home: 0,
      End: last,
    };
    if (!(event.key in steps)) return;
    event.preventDefault();
    const index = steps[event.key];
    setAt(index === undefined ? undefined : { index, box: boxOf(event.currentTarget) });
  };
  const slider = label
    ? {
        role: 'slider',
        tabIndex: 0,
        'aria-label': label,
        'aria-valuemin': 0,
        'aria-valuemax': SHEET_FRAMES,
        'aria-valuenow': at ? at.index + 1 : 0,
        'aria-valuetext': at ? `Frame ${at.index + 1} of ${SHEET_FRAMES}` : 'Thumbnail',
        onKeyDown,
        onBlur: () => setAt(undefined),
      }
    : {};

  if (!sheetUrl) return children;
  return (
    <span className={`scrub ${className}`}>
      {children}
      <span className={`scrub-layer${frame ? ' scrubbing' : ''}`} onPointerMove={onPointerMove} onPointerLeave={() => setAt(undefined)} {...slider}>
        {frame && <span className="scrub-frame" style={{ ...frame, backgroundImage: `url(${JSON.stringify(sheetUrl)})` }} />}
      </span>
    </span>
  );
}
