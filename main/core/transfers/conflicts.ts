// What is already in a target folder, by name, and what the job's same-name policy makes of it.
import { renamed } from './naming.ts';
import type { TransferApi } from './transfer-api.ts';
import type { ConflictPolicy } from './types.ts';

export interface ExistingFile {
  id: string;
  size: number;
  /** an upload that never finished is not a copy worth skipping for */
  complete: boolean;
  /** the stack it heads, when it is the newest version of one */
  stackId?: string;
}

export interface Decision {
  /** skip: an identical file is already there */
  skip: boolean;
  remoteName: string;
  /** `file:<id>` or `stack:<id>` to stack the upload onto, for the version policy */
  stackOnto?: string;
}

export class FolderIndex {
  private readonly byName = new Map<string, ExistingFile[]>();
  private readonly taken = new Set<string>();

  static async load(api: TransferApi, folderId: string, signal?: AbortSignal): Promise<FolderIndex> {
    const index = new FolderIndex();
    for await (const file of api.listFiles(folderId, signal)) index.add(file.name, { id: file.id, size: file.file_size, complete: file.status !== 'created' });
    for await (const stack of api.listVersionStacks(folderId, signal)) {
      const head = stack.head_version;
      index.taken.add(stack.name);
      if (head) index.add(head.name, { id: head.id, size: head.file_size, complete: head.status !== 'created', stackId: stack.id });
    }
    return index;
  }

  /** An index for a folder this job just created: nothing in it but what the job adds. */
  static empty(): FolderIndex {
    return new FolderIndex();
  }

  /** Notes a file already in the folder. */
  add(name: string, item: ExistingFile): void {
    this.taken.add(name);
    const list = this.byName.get(name) ?? [];
    list.push(item);
    this.byName.set(name, list);
  }

  /** Whether a file (or a stack's newest version) of this name is in the folder. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Decides for one file and reserves its name, so two files of one drop never pick the same. */
  decide(name: string, size: number, policy: ConflictPolicy): Decision {
    const existing = this.byName.get(name) ?? [];
    let decision: Decision = { skip: false, remoteName: name };
    if (existing.length > 0) {
      if (policy === 'skip' && existing.some((e) => e.complete && e.size === size)) decision = { skip: true, remoteName: name };
      else if (policy === 'rename') decision = { skip: false, remoteName: renamed(name, this.taken) };
      else if (policy === 'version') {
        const target = existing.find((e) => e.stackId) ?? existing.find((e) => e.complete) ?? existing[0]!;
        decision = { skip: false, remoteName: name, stackOnto: target.stackId ? `stack:${target.stackId}` : `file:${target.id}` };
      }
    }
    this.taken.add(decision.remoteName);
    return decision;
  }
}
