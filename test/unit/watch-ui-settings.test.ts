// The watch settings form's check: what it lets through the service takes, what it stops gets a
// message for its field, and a save sends only what changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WATCH_LIMITS, WatchSettingsSchema, type WatchSettings } from '../../preload/contract.ts';
import { DEFAULT_WATCH_SETTINGS, withDefaults } from '../../main/core/watch/settings.ts';
import { changedSettings, checkDraft, draftOf, type SettingsDraft } from '../../renderer/src/components/watches/settings-draft.ts';

const draft = (fields: Partial<SettingsDraft>): SettingsDraft => ({ ...draftOf(DEFAULT_WATCH_SETTINGS), ...fields });

function settingsOf(fields: Partial<SettingsDraft>): WatchSettings {
  const checked = checkDraft(draft(fields));
  assert.ok(checked.ok, `expected ${JSON.stringify(fields)} to pass, got ${JSON.stringify(!checked.ok && checked.errors)}`);
  return checked.settings;
}

function errorsOf(fields: Partial<SettingsDraft>) {
  const checked = checkDraft(draft(fields));
  assert.ok(!checked.ok, `expected ${JSON.stringify(fields)} to be stopped`);
  return checked.errors;
}

test('an untouched form gives back the service’s defaults', () => {
  assert.deepEqual(settingsOf({}), DEFAULT_WATCH_SETTINGS);
});

test('what passes the check, the contract and the service take as it is', () => {
  const accepted = [
    settingsOf({ stableSeconds: '0', rescanSeconds: '0' }),
    settingsOf({ stableSeconds: ' 3600 ', rescanSeconds: String(WATCH_LIMITS.minRescanSeconds) }),
    settingsOf({ stableSeconds: '1.5', rescanSeconds: '86400', ignore: '*.wav\n\n  Proxies/** \n', include: '*.mov' }),
    settingsOf({ afterUpload: 'move', uploadedFolder: ' Uploaded/today ' }),
    settingsOf({ afterUpload: 'delete', deleteConfirmed: true, defaultIgnores: false, onSameName: 'skip', exactNames: true }),
  ];
  for (const settings of accepted) {
    assert.deepEqual(WatchSettingsSchema.parse(settings), settings);
    assert.deepEqual(withDefaults(settings), settings);
  }
  assert.deepEqual(accepted[2]!.ignore, ['*.wav', 'Proxies/**']);
  assert.deepEqual(accepted[3]!.afterUpload, { action: 'move', folder: 'Uploaded/today' });
});

test('a rescan more often than the minimum, or a negative stability window, is stopped with a reason', () => {
  assert.match(errorsOf({ rescanSeconds: '5' }).rescanSeconds!, /0 \(never\) or 10 seconds or more/);
  assert.match(errorsOf({ rescanSeconds: '-10' }).rescanSeconds!, /10 seconds or more/);
  assert.match(errorsOf({ rescanSeconds: '86401' }).rescanSeconds!, /once a day/);
  assert.match(errorsOf({ rescanSeconds: '' }).rescanSeconds!, /0 for never/);
  assert.match(errorsOf({ stableSeconds: '-1' }).stableSeconds!, /cannot be negative/);
  assert.match(errorsOf({ stableSeconds: 'soon' }).stableSeconds!, /number of seconds/);
  assert.match(errorsOf({ stableSeconds: '3601' }).stableSeconds!, /one hour/);
  assert.deepEqual(Object.keys(errorsOf({ stableSeconds: '-1', rescanSeconds: '5' })).sort(), ['rescanSeconds', 'stableSeconds']);
});

test('globs the service would refuse are stopped', () => {
  assert.match(errorsOf({ ignore: Array.from({ length: 101 }, (_, i) => `*.x${i}`).join('\n') }).ignore!, /At most 100/);
  assert.match(errorsOf({ include: 'a'.repeat(301) }).include!, /longer than 300/);
});

test('files move only into a folder inside the watched one', () => {
  for (const folder of ['', '  ', '.', '..', '../elsewhere', 'a/../..', '/Volumes/Other', '\\\\server\\share', 'C:\\Done', 'done/', 'a//b']) {
    assert.ok(errorsOf({ afterUpload: 'move', uploadedFolder: folder }).uploadedFolder, `"${folder}" should be refused`);
  }
  assert.equal(checkDraft(draft({ afterUpload: 'leave', uploadedFolder: '..' })).ok, true, 'the folder only matters when moving');
});

test('deleting local files needs its own confirmation', () => {
  assert.match(errorsOf({ afterUpload: 'delete', deleteConfirmed: false }).deleteConfirmed!, /confirm/);
  assert.equal(draftOf({ ...DEFAULT_WATCH_SETTINGS, afterUpload: { action: 'delete' } }).deleteConfirmed, true, 'a watch that already deletes is not asked again');
  assert.equal(draftOf(DEFAULT_WATCH_SETTINGS).deleteConfirmed, false);
});

test('a save sends only what changed', () => {
  const saved: WatchSettings = { ...DEFAULT_WATCH_SETTINGS, ignore: ['*.wav'], afterUpload: { action: 'move', folder: 'done' } };
  assert.deepEqual(changedSettings(saved, settingsOf(draftOf(saved))), {});
  const next = settingsOf({ ...draftOf(saved), stableSeconds: '2', ignore: '*.wav\n*.aaf', rescanSeconds: '120' });
  assert.deepEqual(changedSettings(saved, next), { stableSeconds: 2, ignore: ['*.wav', '*.aaf'], rescanSeconds: 120 });
  assert.deepEqual(changedSettings(saved, settingsOf({ ...draftOf(saved), uploadedFolder: 'sent' })), { afterUpload: { action: 'move', folder: 'sent' } });
});
