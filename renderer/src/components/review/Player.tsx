import { useCallback, useEffect, useState } from 'react';
import type { FileDetails } from '../../../../preload/contract.ts';
import { containRect } from '../../lib/drawing.ts';
import { mediaKind, playbackUrls } from '../../lib/media.ts';
import { usePlayback } from '../../store/playback.ts';
import { useReview } from '../../store/review.ts';
import { DocumentView } from './DocumentView.tsx';
import { DrawingLayer } from './DrawingLayer.tsx';
import { useStageSize } from './use-stage-size.ts';

/** Why there is nothing to play, in words that say what to do. */
function missingMedia(file: FileDetails): string {
  if (file.status === 'created') return 'This file is still uploading. It can be played once the upload finishes.';
  return 'Frame.io offers no media for this file yet: it may still be processing, or your role on this project may not allow viewing it. Comments still work.';
}

export function Player() {
  const file = useReview((s) => s.file)!;
  const accountId = useReview((s) => s.accountId)!;
  const selected = useReview((s) => s.comments.find((c) => c.id === s.selectedId));
  const { attach, sync, seek, frame, playing } = usePlayback();
  const [stage, box] = useStageSize();
  const [natural, setNatural] = useState({ width: 0, height: 0 });
  /** which of the playback links is in use; past the last, none would play */
  const [attempt, setAttempt] = useState(0);
  const media = useCallback((element: HTMLMediaElement | null) => attach(element ?? undefined), [attach]);
  const kind = mediaKind(file.mediaType);
  const urls = playbackUrls(kind, file.mediaLinks);
  const url = urls[attempt];
  const failed = urls.length > 0 && attempt >= urls.length;
  const next = () => setAttempt((n) => n + 1);

  // The element's own time events come a few times a second; the timecode should move every frame.
  useEffect(() => {
    if (!playing) return;
    let handle = requestAnimationFrame(function tick() {
      sync();
      handle = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(handle);
  }, [playing, sync]);

  if (kind === 'other') return <p className="viewer-empty">Slate cannot show {file.mediaType ?? 'this kind of file'} here. Open it in Frame.io instead.</p>;
  if (failed) return <p className="viewer-empty">This file&apos;s media cannot be played here (its format is not one the player knows). Open it in Frame.io to watch it; comments still work.</p>;
  if (!url) return <p className="viewer-empty">{missingMedia(file)}</p>;
  if (kind === 'document') return <DocumentView key={url} url={url} accountId={accountId} fileId={file.id} />;

  // A drawing belongs to one frame: hold the picture still, and go back to it if need be.
  const hold = (drawnAt: number | null) => {
    usePlayback.getState().media?.pause();
    if (drawnAt !== null && drawnAt !== frame) seek(drawnAt);
  };
  const onFrame = selected && (kind === 'image' || selected.timestamp === null || (selected.timestamp === frame && !playing));
  const events = { onLoadedMetadata: sync, onDurationChange: sync, onPlay: sync, onPause: sync, onSeeked: sync, onEnded: sync, onTimeUpdate: sync, onError: next };
  return (
    <div ref={stage} className={`stage stage-${kind}`} data-testid="stage">
      {kind === 'video' && (
        <video
          key={url}
          ref={media}
          src={url}
          preload="auto"
          playsInline
          aria-label={file.name}
          {...events}
          onLoadedMetadata={(e) => {
            setNatural({ width: e.currentTarget.videoWidth, height: e.currentTarget.videoHeight });
            sync();
          }}
        />
      )}
      {kind === 'audio' && (
        <>
          <audio key={url} ref={media} src={url} preload="auto" aria-label={file.name} {...events} />
          <p className="muted audio-label">Audio: {file.name}</p>
        </>
      )}
      {kind === 'image' && <img src={url} alt={file.name} onLoad={(e) => setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })} onError={next} />}
      {kind !== 'audio' && natural.width > 0 && <DrawingLayer picture={containRect(box, natural)} shown={onFrame ? selected.shapes : []} at={frame} hold={hold} />}
    </div>
  );
}
