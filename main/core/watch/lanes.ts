// Work that runs a few at a time, in an order chosen up front, and one at a time within a group.
// A watch sends its finished files to the upload engine through lanes: a file joins the moment it is
// finished, whatever else is uploading; a slow or stuck upload holds one lane and the others keep
// moving. Which waiting file goes next is the watch's setting (newest first or oldest first), except
// that files of one group (versions of one shot) go in the order they joined, so v002 finds v001 to
// stack onto. A catch-up can put 100,000 files in at once: joining and leaving cost O(log n).

export type LaneOrder = 'oldest' | 'newest';

interface Task {
  seq: number;
  group: string;
  start: () => void;
  /** left before it started (its signal aborted) */
  dropped: boolean;
}

interface Group {
  /** the task of this group that is waiting for a lane or in one */
  current: Task;
  /** the group's later tasks, in the order they joined */
  behind: Task[];
}

export class Lanes {
  private readonly size: number;
  private readonly next: TaskHeap;
  private readonly groups = new Map<string, Group>();
  private seq = 0;
  private busy = 0;

  constructor(size: number, order: LaneOrder) {
    if (!(size >= 1)) throw new RangeError(`Lanes need at least one lane, not ${size}.`);
    this.size = size;
    this.next = new TaskHeap(order === 'newest' ? (a, b) => a.seq > b.seq : (a, b) => a.seq < b.seq);
  }

  /**
   * Runs `work` once a lane is free and its turn has come; settles as `work` does. Rejects with the
   * signal's reason, without running `work`, if the signal aborts while it waits.
   */
  run<T>(group: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.drop(task);
        reject(signal.reason);
      };
      const task: Task = {
        seq: this.seq++,
        group,
        dropped: false,
        start: () => {
          signal.removeEventListener('abort', onAbort);
          this.busy++;
          let running: Promise<T>;
          try {
            running = work();
          } catch (error) {
            running = Promise.reject(error as Error);
          }
          running
            .then(resolve, reject)
            .finally(() => {
              this.busy--;
              this.finish(task);
            });
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const known = this.groups.get(group);
      if (known) known.behind.push(task);
      else {
        this.groups.set(group, { current: task, behind: [] });
        this.next.push(task);
      }
      this.pump();
    });
  }

  private pump(): void {
    while (this.busy < this.size) {
      const task = this.next.pop();
      if (!task) return;
      if (!task.dropped) task.start();
    }
  }

  private drop(task: Task): void {
    task.dropped = true;
    const group = this.groups.get(task.group);
    if (!group) return;
    if (group.current === task) this.finish(task);
    else group.behind.splice(group.behind.indexOf(task), 1);
  }

  /** The group's next task, if any, takes its place in the order. */
  private finish(task: Task): void {
    const group = this.groups.get(task.group);
    if (!group || group.current !== task) return;
    const following = group.behind.shift();
    if (following) {
      group.current = following;
      this.next.push(following);
    } else this.groups.delete(task.group);
    this.pump();
  }
}

/** A binary heap: `first(a, b)` says whether a comes out before b. */
class TaskHeap {
  private readonly items: Task[] = [];
  private readonly first: (a: Task, b: Task) => boolean;

  constructor(first: (a: Task, b: Task) => boolean) {
    this.first = first;
  }

  push(task: Task): void {
    const items = this.items;
    items.push(task);
    for (let at = items.length - 1; at > 0; ) {
      const parent = (at - 1) >> 1;
      if (!this.first(items[at]!, items[parent]!)) break;
      [items[at], items[parent]] = [items[parent]!, items[at]!];
      at = parent;
    }
  }

  pop(): Task | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || !last) return top;
    items[0] = last;
    for (let at = 0; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let best = at;
      if (left < items.length && this.first(items[left]!, items[best]!)) best = left;
      if (right < items.length && this.first(items[right]!, items[best]!)) best = right;
      if (best === at) break;
      [items[at], items[best]] = [items[best]!, items[at]!];
      at = best;
    }
    return top;
  }
}
