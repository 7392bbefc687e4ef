// The playhead of the media element in the viewer, counted in frames of the file's rate.
import { create } from 'zustand';
import { secondsToFrame, seekSecondsForFrame } from '../lib/timecode.ts';
import { useReview } from './review.ts';

interface PlaybackState {
  media?: HTMLMediaElement;
  /** the frame index showing */
  frame: number;
  /** frames in the file; 0 until the media says how long it is */
  frames: number;
  playing: boolean;
  /** false when the media's server will not send parts of it, so the player can only play on */
  seekable: boolean;
  attach(media: HTMLMediaElement | undefined): void;
  /** reads the element's time and state, on its events and on each animation frame while playing */
  sync(): void;
  seek(frame: number): void;
  step(delta: number): void;
  toggle(): void;
}

/** HTMLMediaElement.HAVE_METADATA: from here on the element knows its duration and seekable ranges. */
const HAVE_METADATA = 1;

export const usePlayback = create<PlaybackState>((set, get) => ({
  frame: 0,
  frames: 0,
  playing: false,
  seekable: true,

  attach: (media) => set({ media, frame: 0, frames: 0, playing: false, seekable: true }),

  sync() {
    const { media } = get();
    const rate = useReview.getState().rate;
    if (!media || !rate) return;
    const frames = Number.isFinite(media.duration) ? Math.round((media.duration * rate.numerator) / rate.denominator) : 0;
    const frame = secondsToFrame(media.currentTime, rate);
    const { seekable } = media;
    const known = media.readyState >= HAVE_METADATA;
    set({
      frames,
      frame: frames > 0 ? Math.min(frame, frames - 1) : frame,
      playing: !media.paused && !media.ended,
      seekable: !known || (seekable.length > 0 && seekable.end(seekable.length - 1) > 0),
    });
  },

  seek(frame) {
    const { media, frames, seekable } = get();
    const rate = useReview.getState().rate;
    if (!media || !rate || !seekable) return;
    media.pause();
    const target = Math.max(0, frames > 0 ? Math.min(frame, frames - 1) : frame);
    media.currentTime = seekSecondsForFrame(target, rate);
    // Shown at once; the element's 'seeked' confirms it.
    set({ frame: target, playing: false });
  },

  step: (delta) => get().seek(get().frame + delta),

  toggle() {
    const { media } = get();
    if (!media) return;
    if (media.paused || media.ended) void media.play().catch(() => get().sync());
    else media.pause();
  },
}));
