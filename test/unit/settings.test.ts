import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, SettingsStore } from '../../main/core/settings.ts';

test('settings persist across stores, and a bad bandwidth is refused with the reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slate-settings-'));
  try {
    const store = new SettingsStore(dir);
    assert.deepEqual(store.get(), DEFAULT_SETTINGS);
    store.update({ bandwidth: '08:00,5M 19:00,off', fileConcurrency: 2 });
    assert.throws(() => store.update({ bandwidth: 'fast' }), /"fast" is not a bandwidth/);
    assert.throws(() => store.update({ bandwidth: '25:00,5M' }), /is not a timetable entry/);
    // 0 is refused, not taken as "no limit": it says the opposite of what it would do.
    assert.throws(() => store.update({ bandwidth: '0' }), /"0" is a bandwidth of nothing.*/);
    assert.throws(() => store.update({ bandwidth: '08:00,0M 19:00,off' }), /"0M" is a bandwidth of nothing/);
    assert.throws(() => store.update({ fileConcurrency: 0 }));
    const again = new SettingsStore(dir).get();
    assert.equal(again.bandwidth, '08:00,5M 19:00,off');
    assert.equal(again.fileConcurrency, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a hand-broken settings file falls back to defaults field by field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slate-settings-'));
  try {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ fileConcurrency: 'lots', theme: 'dark', bandwidth: 7 }));
    const settings = new SettingsStore(dir).get();
    assert.equal(settings.fileConcurrency, DEFAULT_SETTINGS.fileConcurrency);
    assert.equal(settings.theme, 'dark');
    assert.equal(settings.bandwidth, 'off');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bandwidth of "0" saved when it meant no limit reads as "off", and the app still starts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slate-settings-'));
  try {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ bandwidth: '0', partConcurrency: 3 }));
    const settings = new SettingsStore(dir).get();
    assert.equal(settings.bandwidth, 'off');
    assert.equal(settings.partConcurrency, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('updates stay off unless an https feed is set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slate-settings-'));
  try {
    const store = new SettingsStore(dir);
    assert.equal(store.get().updateFeed, '');
    assert.throws(() => store.update({ updateFeed: 'http://updates.example.com/slate' }), /https address/);
    assert.equal(store.update({ updateFeed: 'https://updates.example.com/slate' }).updateFeed, 'https://updates.example.com/slate');
    assert.equal(store.update({ updateFeed: '' }).updateFeed, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
