// How a file is split into upload parts. Frame.io decides this, not the client: one part under
// 10 MB, otherwise parts of about 20 MiB in near-equal sizes (its documented example splits
// 50,645,990 bytes into 16,881,997 + 16,881,997 + 16,881,996), never more than 10,000 parts and no
// non-final part under S3's 5 MiB minimum.

export const SINGLE_PART_LIMIT = 10_000_000;
export const TARGET_PART_SIZE = 20 * 1024 * 1024;
export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const MAX_PARTS = 10_000;

/**
 * Part sizes for a file of `fileSize` bytes. `forcedPartSize` (tests, `--part-size`) cuts fixed
 * parts of that size instead, the last one shorter, still within 10,000 parts.
 */
export function planParts(fileSize: number, forcedPartSize?: number): number[] {
  if (forcedPartSize !== undefined) {
    const size = Math.max(forcedPartSize, Math.ceil(fileSize / MAX_PARTS));
    const sizes: number[] = [];
    for (let offset = 0; offset < fileSize; offset += size) sizes.push(Math.min(size, fileSize - offset));
    return sizes;
  }
  if (fileSize < SINGLE_PART_LIMIT) return [fileSize];
  const count = Math.min(MAX_PARTS, Math.ceil(fileSize / TARGET_PART_SIZE));
  const base = Math.floor(fileSize / count);
  const remainder = fileSize % count;
  return Array.from({ length: count }, (_, i) => base + (i < remainder ? 1 : 0));
}
