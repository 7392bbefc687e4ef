import type { Asset } from '../../../preload/contract.ts';

export interface VersionLabel {
  /** 1 for the oldest version */
  number: number;
  /** the stack's head: the version Frame.io shows for the stack */
  head: boolean;
}

/**
 * Each version's number from a stack's versions as Frame.io lists them, newest (the head) first:
 * the oldest is v1. The order of the list, not the names, says which came when.
 */
export function versionLabels(versions: readonly Asset[]): Map<string, VersionLabel> {
  return new Map(versions.map((version, index) => [version.id, { number: versions.length - index, head: index === 0 }]));
}

export function versionCountText(count: number): string {
  return count === 1 ? '1 version' : `${count} versions`;
}
