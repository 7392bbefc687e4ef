// The last place on the Projects screen is the service's to keep: per Frame.io server, in a private
// file of the data folder that a restarted agent reads again (in memory only for the embedded
// sandbox, which starts afresh); only a Projects address is taken.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { LastPlace } from '../../main/core/browse/last-place.ts';
import { dispatch } from '../../main/core/dispatch.ts';
import { placeHandlers } from '../../main/core/handlers/place.ts';
import type { Service } from '../../main/core/service.ts';

const dir = mkdtempSync(join(tmpdir(), 'slate-last-place-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FRAMEIO = 'https://api.frame.io';
const place = '#/projects/a1/w1/p1/f1/view:file1';

test('a place kept for a server is read again by a new store on the same data folder, and by no other server', async () => {
  const service = { handlers: placeHandlers(new LastPlace(FRAMEIO, dir)) } as unknown as Service;
  assert.deepEqual(await dispatch(service, 'place:last', {}), { ok: true, value: { address: null } }, 'nothing before the first move');
  assert.deepEqual(await dispatch(service, 'place:remember', { address: place }), { ok: true, value: { remembered: true } });

  assert.equal(new LastPlace(FRAMEIO, dir).get(), place, 'after a restart');
  assert.equal(new LastPlace('http://127.0.0.1:4010', dir).get(), null, 'another server has a place of its own');
  assert.equal(statSync(join(dir, 'last-place.json')).mode & 0o777, 0o600);
});

test('without a data folder the place lasts only as long as the store', () => {
  const store = new LastPlace('http://127.0.0.1:4010', undefined);
  store.set(place);
  assert.equal(store.get(), place);
  assert.equal(new LastPlace('http://127.0.0.1:4010', dir).get(), null, 'nothing was written');
});

test('only an address of the Projects screen is kept', async () => {
  const service = { handlers: placeHandlers(new LastPlace(FRAMEIO, dir)) } as unknown as Service;
  for (const address of ['javascript:alert(1)', '#/settings', `#/projects/${'x'.repeat(4000)}`]) {
    const reply = await dispatch(service, 'place:remember', { address });
    assert.equal(reply.ok, false, address.slice(0, 30));
  }
  assert.equal(new LastPlace(FRAMEIO, dir).get(), place);
});
