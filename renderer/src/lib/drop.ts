// Turns a drop or a folder pick into files with their path under the top folder dropped, so
// uploads keep the structure ("Day 1/A001/clip.mov"); a loose file has an empty relative path.

export interface PickedFiles {
  files: File[];
  relativePaths: string[];
}

export async function filesFromDrop(data: DataTransfer): Promise<PickedFiles> {
  const picked: PickedFiles = { files: [], relativePaths: [] };
  // Entries must be taken synchronously, before the event handler yields. An item with no entry
  // (some sources hand over plain files) is taken as a loose file.
  const items = [...data.items].filter((item) => item.kind === 'file').map((item) => ({ entry: item.webkitGetAsEntry(), file: item.getAsFile() }));
  for (const { entry, file } of items) {
    if (entry) await collect(entry, '', picked, true);
    else if (file) {
      picked.files.push(file);
      picked.relativePaths.push('');
    }
  }
  return picked;
}

export function filesFromInput(list: FileList): PickedFiles {
  const files = [...list];
  return { files, relativePaths: files.map((file) => file.webkitRelativePath ?? '') };
}

async function collect(entry: FileSystemEntry, parent: string, into: PickedFiles, top: boolean): Promise<void> {
  const path = parent ? `${parent}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    into.files.push(file);
    into.relativePaths.push(top ? '' : path);
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in batches (about 100 in Chromium) until it answers with none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await collect(child, path, into, false);
  }
}
