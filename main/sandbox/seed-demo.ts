// The demo world: Rosa's own account plus a second account, Harbor Post, where she is a plain
// member and Sam Okafor is an admin. Rosa's account also has a "Productions" workspace with two
// projects to explore: nested folders, real sample media (assets/sandbox/, made by
// scripts/make-sandbox-media.py, scripts/make-demo-clips.sh and scripts/make-demo-thumbnails.sh)
// already transcoded with its technical metadata read and its thumbnails, playable clips at 23.976, 25 and 29.97 drop-frame (one a version stack of a cut),
// a PDF call sheet, and review comments.
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createProject } from './handlers/projects.ts';
import { addAccount, addAccountMember, addUser, addWorkspace, seedMinimal, type Seeded } from './seed.ts';
import type { CommentRecord, FileRecord, FolderRecord, ProjectRecord, VersionStackRecord } from './store/records.ts';
import { keepPictureFile } from './media/ffmpeg.ts';
import { describeMedia } from './media/technical.ts';
import { fileRate, timecodeToFrame } from './timecode.ts';
import { mediaTypeFor } from './uploads/media-types.ts';
import type { World } from './world.ts';

/** Where the sample media lives, both in the source tree and next to the built main bundle. */
export const SAMPLE_MEDIA_DIR = join(import.meta.dirname, '../../assets/sandbox');

export async function seedDemo(world: World, token?: string): Promise<Seeded> {
  const seeded = seedMinimal(world, token);
  const post = addAccount(world, 'Harbor Post', '2025-01-15T14:00:00.000Z');
  addAccountMember(world, post, seeded.userId, 'member');
  const sam = addUser(world, 'Sam Okafor', 'sam@harbor.example');
  addAccountMember(world, post, sam.id, 'admin');
  const demo = await seedProductions(world, seeded);
  return { ...seeded, demo };
}

/** A timeline of fixed dates, so the demo reads the same on every run. */
function at(day: number, minutes = 0): string {
  return new Date(Date.UTC(2024, 5, day, 9, minutes)).toISOString();
}

interface Place {
  world: World;
  project: ProjectRecord;
  creatorId: string;
}

function addProject(world: World, seeded: Seeded, workspaceId: string, name: string, description: string, created: string): ProjectRecord {
  const project = createProject({ world }, { accountId: seeded.accountId, workspaceId, name, restricted: false, ownerId: seeded.userId });
  const root = world.store.get('asset', project.root_folder_id)!;
  world.store.put('asset', { ...root, created_at: created, updated_at: created });
  return world.store.put('project', { ...project, description, created_at: created, updated_at: created });
}

function addFolder(place: Place, parentId: string, name: string, created: string): FolderRecord {
  return place.world.store.put('asset', {
    id: randomUUID(),
    type: 'folder',
    account_id: place.project.account_id,
    project_id: place.project.id,
    parent_id: parentId,
    name,
    creator_id: place.creatorId,
    created_at: created,
    updated_at: created,
    cover_file_id: null,
  });
}

/**
 * A transcoded file whose bytes are a sample from assets/sandbox/, stored as one part like any
 * upload. Without the sample (e.g. a build that left the assets out) the file is skipped.
 */
async function addSampleFile(place: Place, parentId: string, sample: string, created: string, name = sample): Promise<FileRecord | undefined> {
  const source = join(SAMPLE_MEDIA_DIR, sample);
  if (!existsSync(source)) return undefined;
  const size = statSync(source).size;
  const blobId = randomUUID();
  const { etag } = await place.world.blobs.writePart(blobId, 1, createReadStream(source), size);
  place.world.store.recordPart(blobId, { part_number: 1, size, etag });
  const file = place.world.store.put('asset', {
    id: randomUUID(),
    type: 'file',
    account_id: place.project.account_id,
    project_id: place.project.id,
    parent_id: parentId,
    name,
    creator_id: place.creatorId,
    created_at: created,
    updated_at: created,
    file_size: size,
    media_type: mediaTypeFor(name),
    status: 'transcoded',
    blob_id: blobId,
    part_sizes: [size],
    upload_source: 'local',
    uploaded_at: created,
    upload_completed_at: created,
    upload_failed: false,
    upload_error: null,
    transcode_due_at: created,
    version: null,
    metadata: {},
  } satisfies FileRecord);
  await describeMedia(place.world, file);
  const base = join(SAMPLE_MEDIA_DIR, 'thumbnails', sample.replace(/\.[^.]*$/, ''));
  if (existsSync(`${base}.jpg`)) await keepPictureFile(place.world, file, 'poster', `${base}.jpg`);
  if (existsSync(`${base}.scrub.webp`)) await keepPictureFile(place.world, file, 'scrub_sheet', `${base}.scrub.webp`);
  return place.world.store.get('asset', file.id) as FileRecord;
}

/** Versions oldest first, as version_stacks.create takes them. */
function addVersionStack(place: Place, parentId: string, versions: FileRecord[], created: string): VersionStackRecord {
  const stack = place.world.store.put('asset', {
    id: randomUUID(),
    type: 'version_stack',
    account_id: place.project.account_id,
    project_id: place.project.id,
    parent_id: parentId,
    name: versions.at(-1)!.name,
    creator_id: place.creatorId,
    created_at: created,
    updated_at: created,
  } satisfies VersionStackRecord);
  versions.forEach((file, index) => place.world.store.put('asset', { ...file, parent_id: stack.id, version: index + 1 }));
  return stack;
}

interface NewComment {
  text: string;
  /** HH:MM:SS:FF from the file's first frame, at its own rate */
  timecode?: string;
  /** a PDF's page, from 1 */
  page?: number;
  annotation?: unknown;
  completed?: string;
  created: string;
}

function addComment(place: Place, file: FileRecord, input: NewComment): CommentRecord {
  return place.world.store.put('comment', {
    id: randomUUID(),
    account_id: file.account_id,
    file_id: file.id,
    parent_id: null,
    owner_id: place.creatorId,
    text: input.text,
    timestamp: input.timecode ? timecodeToFrame(input.timecode, fileRate(file)) : null,
    duration: null,
    annotation: input.annotation === undefined ? null : JSON.stringify(input.annotation),
    page: input.page ?? null,
    text_edited_at: null,
    completed_at: input.completed ?? null,
    completer_id: input.completed ? place.creatorId : null,
    created_at: input.created,
    updated_at: input.completed ?? input.created,
  });
}

async function seedProductions(world: World, seeded: Seeded): Promise<NonNullable<Seeded['demo']>> {
  // Created after the minimal seed's workspace, so that one (and its empty project) still lists first.
  const workspaceId = addWorkspace(world, seeded.accountId, 'Productions', seeded.userId, at(3));

  const feature: Place = { world, creatorId: seeded.userId, project: addProject(world, seeded, workspaceId, 'Harbor Lights — Feature', 'A fishing town, a lighthouse and one long night.', at(3, 10)) };
  const root = feature.project.root_folder_id;
  const dailies = addFolder(feature, root, 'Dailies', at(3, 20));
  const day01 = addFolder(feature, dailies.id, 'Day 01', at(3, 21));
  const editorial = addFolder(feature, root, 'Editorial', at(3, 22));
  const cuts = addFolder(feature, editorial.id, 'Cuts', at(3, 23));
  const sound = addFolder(feature, root, 'Sound', at(3, 24));
  const stills = addFolder(feature, root, 'Stills', at(3, 25));
  const documents = addFolder(feature, root, 'Documents', at(3, 26));

  await addSampleFile(feature, day01.id, 'A001_C003_Slate.png', at(4, 5));
  const interview = await addSampleFile(feature, day01.id, 'Harbor_Interview_DF.webm', at(4, 7), 'A002_C011_Interview.webm');
  if (interview) {
    addComment(feature, interview, { text: 'Slate reads 11, not 12: fix the clip name in the log.', timecode: '00:00:00;00', created: at(4, 20) });
    addComment(feature, interview, { text: 'She looks off camera here; use the other take.', timecode: '00:00:02;15', created: at(4, 22) });
    addComment(feature, interview, { text: 'Lovely pause before the answer.', timecode: '00:00:03;20', created: at(4, 24), completed: at(5, 9) });
  }
  await addSampleFile(feature, day01.id, 'Room_Tone_440Hz.wav', at(4, 6), 'SR001_T03_RoomTone.wav');
  await addSampleFile(feature, sound.id, 'Room_Tone_440Hz.wav', at(5, 30));
  const dawn = await addSampleFile(feature, stills.id, 'Harbor_Dawn.png', at(4, 40));
  await addSampleFile(feature, stills.id, 'Lighthouse_Night.png', at(4, 41));

  const v1 = await addSampleFile(feature, cuts.id, 'Harbor_Assembly_v1.webm', at(6));
  const v2 = await addSampleFile(feature, cuts.id, 'Harbor_Assembly_v2.webm', at(7));
  if (v1 && v2) {
    addVersionStack(feature, cuts.id, [v1, v2], at(7, 1));
    addComment(feature, v1, { text: 'Sun comes up too small; can we punch in?', timecode: '00:00:00:20', created: at(6, 30), completed: at(7, 2) });
    addComment(feature, v2, { text: 'Much better. Hold on the sunrise a beat longer.', timecode: '00:00:00:12', created: at(7, 15) });
    addComment(feature, v2, {
      text: 'Warm the water here, it reads grey.',
      timecode: '00:00:01:06',
      annotation: [{ tool: 'arrow', color: '#F5A623', size: 4, x1: 0.62, y1: 0.4, x2: 0.48, y2: 0.78 }],
      created: at(7, 18),
    });
    addComment(feature, v2, { text: 'Temp music ends early, check the last frame.', timecode: '00:00:01:23', created: at(7, 20), completed: at(8, 9) });
  }
  if (dawn) addComment(feature, dawn, { text: 'Poster candidate.', created: at(4, 50) });

  const callSheet = await addSampleFile(feature, documents.id, 'Harbor_Call_Sheet.pdf', at(5, 10));
  if (callSheet) {
    addComment(feature, callSheet, {
      text: 'Swap 12B and 12C: the lighthouse should go dark before we see Mara.',
      page: 2,
      annotation: [{ tool: 'rect', color: '#F22237', size: 4, x: 0.51, y: 0.17, w: 0.38, h: 0.27 }],
      created: at(5, 40),
    });
  }

  const spot: Place = { world, creatorId: seeded.userId, project: addProject(world, seeded, workspaceId, 'Northlight Spot 30s', '30-second brand spot.', at(10)) };
  const spotRoot = spot.project.root_folder_id;
  const spotStills = addFolder(spot, spotRoot, 'Stills', at(10, 5));
  const spotSound = addFolder(spot, spotRoot, 'Sound', at(10, 6));
  await addSampleFile(spot, spotStills.id, 'Lighthouse_Night.png', at(11), 'Spot_Keyframe_01.png');
  await addSampleFile(spot, spotSound.id, 'Room_Tone_440Hz.wav', at(11, 5), 'Spot_Tone_Reference.wav');
  const spotEdit = addFolder(spot, spotRoot, 'Edit', at(10, 7));
  const spotCut = await addSampleFile(spot, spotEdit.id, 'Northlight_Spot_25fps.webm', at(12), 'Northlight_Spot_30s_v3.webm');
  if (spotCut) {
    addComment(spot, spotCut, { text: 'Logo needs more air at the top.', timecode: '00:00:00:00', created: at(12, 30) });
    addComment(spot, spotCut, { text: 'Cut on the beat here, two frames earlier.', timecode: '00:00:02:13', created: at(12, 35) });
  }
  return { accountId: seeded.accountId, workspaceId, projectId: feature.project.id, folderIds: [dailies.id, day01.id] };
}
