// The address bar's form of a place: what is written is read back the same, and an address that
// names nothing readable opens the Projects screen rather than failing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAddress, parseAddress, type Address } from '../../renderer/src/lib/address.ts';

test('a place deep in a project, inside a stack with a file open, reads back as written', () => {
  const address: Address = {
    view: 'projects',
    accountId: 'a1',
    workspaceId: 'w1',
    projectId: 'p1',
    path: [
      { id: 'f1', kind: 'folder' },
      { id: 's1', kind: 'stack' },
    ],
    fileId: 'file-9',
  };
  const hash = formatAddress(address);
  assert.equal(hash, '#/projects/a1/w1/p1/f1/stack:s1/view:file-9');
  assert.deepEqual(parseAddress(hash), address);
});

test('other screens are their name alone; a place cut short keeps what it has', () => {
  assert.equal(formatAddress({ view: 'settings', accountId: 'a1', path: [] }), '#/settings');
  assert.deepEqual(parseAddress('#/transfers'), { view: 'transfers', path: [] });
  assert.equal(formatAddress({ view: 'projects', accountId: 'a1', workspaceId: 'w1', path: [{ id: 'f', kind: 'folder' }] }), '#/projects/a1/w1');
  assert.deepEqual(parseAddress('#/projects/a1/w1'), { view: 'projects', accountId: 'a1', workspaceId: 'w1', projectId: undefined, path: [], fileId: undefined });
});

test('an address that reads as nothing is the Projects screen with nothing chosen', () => {
  for (const hash of ['', '#', '#/nowhere/a1', '#/projects/a1/%E0%A4%A/p1']) assert.deepEqual(parseAddress(hash), { view: 'projects', path: [] }, hash);
});

test('ids are escaped, so an odd id cannot add steps', () => {
  const hash = formatAddress({ view: 'projects', accountId: 'a/1', workspaceId: 'w 1', projectId: 'p#1', path: [] });
  assert.equal(hash, '#/projects/a%2F1/w%201/p%231');
  assert.deepEqual(parseAddress(hash), { view: 'projects', accountId: 'a/1', workspaceId: 'w 1', projectId: 'p#1', path: [], fileId: undefined });
});
