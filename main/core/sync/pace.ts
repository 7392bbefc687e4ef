// How fast follows look through Frame.io. A folder costs one call each of folders.list,
// files.list and version_stacks.list (three buckets of the same documented limit); follows take
// half of it, so uploads, which list folders and files to find same-name files, keep the other half.
import type { Clock } from '../api/clock.ts';
import { operations } from '../../common/operations.generated.ts';

const PER_FOLDER = ['folders.list', 'files.list', 'version_stacks.list'] as const;
const SHARE = 0.5;

/** Folders a second every follow together may list: 2.5 at Frame.io's documented 5 calls a second. */
export const FOLDERS_PER_SECOND = SHARE * Math.min(...PER_FOLDER.map((id) => (operations[id].limit.calls * 1000) / operations[id].limit.windowMs));

/** Hands out turns to list a folder, evenly spaced, first come first served. */
export class FolderPace {
  private readonly clock: Clock;
  private readonly spacingMs: number;
  private next = 0;

  constructor(clock: Clock, foldersPerSecond = FOLDERS_PER_SECOND) {
    this.clock = clock;
    this.spacingMs = 1000 / foldersPerSecond;
  }

  async turn(signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.next);
    this.next = at + this.spacingMs;
    await this.clock.sleep(at - now, signal);
  }
}
