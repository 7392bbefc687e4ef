// The desktop shell's trust checks, run here without the Electron binary: the preload's proof of a
// dropped folder, the IPC sender check, which page is the app's, navigation, permissions, links
// handed to the system browser, and the CSP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowsNavigation, CONTENT_SECURITY_POLICY, externalLink, grantsPermission, isAppUrl, isTrustedSender } from '../../main/electron/policy.ts';
import { MAX_RELATIVE_DEPTH, rootOf } from '../../preload/root-of.ts';

const APP = 'file:///opt/Slate/resources/app.asar/out/renderer/index.html';
const DEV = 'http://localhost:5173/';

test('a dropped folder is its real top folder only when the file\'s path ends with what the page claims', () => {
  assert.equal(rootOf('/home/editor/Movies/Day 1/A001/clip.mov', 'Day 1/A001/clip.mov'), '/home/editor/Movies/Day 1');
  assert.equal(rootOf('/home/editor/Movies/clip.mov', ''), '/home/editor/Movies/clip.mov', 'a loose file stands for itself');
  // The attack of issue 14: a claim of the same length naming another folder.
  assert.equal(rootOf('/home/editor/Movies/clip.mov', 'etc/xxxxxxxxxxxxxxxxxxxxxxx'), undefined);
  assert.equal(rootOf('/home/editor/Movies/clip.mov', 'Movies/other.mov'), undefined);
  assert.equal(rootOf('/home/editor/Movies/clip.mov', '../../clip.mov'), undefined);
  assert.equal(rootOf('/home/editor/Movies/clip.mov', 'Movies//clip.mov'), undefined);
  assert.equal(rootOf('/clip.mov', 'x/clip.mov'), undefined, 'longer than the path');
  assert.equal(rootOf('/data/clip.mov', 'data/clip.mov'), '/data');
  assert.equal(rootOf('C:\\Users\\ed\\Reel\\a.mov', 'Reel/a.mov'), 'C:\\Users\\ed\\Reel');
  const deep = Array.from({ length: MAX_RELATIVE_DEPTH + 1 }, () => 'd');
  assert.equal(rootOf(`/x/${deep.join('/')}`, deep.join('/')), undefined, 'no deeper than the cap');
  const capped = deep.slice(1);
  assert.equal(rootOf(`/x/${capped.join('/')}`, capped.join('/')), '/x/d');
});

test('only the app\'s own page is the app, and an unparsable URL is not', () => {
  assert.equal(isAppUrl(`${APP}#/browse`, APP), true);
  assert.equal(isAppUrl('file:///etc/passwd', APP), false);
  assert.equal(isAppUrl('https://evil.example/', APP), false);
  assert.equal(isAppUrl('http://localhost:5173/review', DEV), true);
  assert.equal(isAppUrl('http://localhost:5174/', DEV), false);
  assert.equal(isAppUrl('not a url', APP), false);
});

test('IPC is answered only from Slate\'s windows, showing Slate\'s page', () => {
  assert.equal(isTrustedSender({ senderId: 1, frameUrl: APP }, [1, 2], APP), true);
  assert.equal(isTrustedSender({ senderId: 3, frameUrl: APP }, [1, 2], APP), false, 'another webContents');
  assert.equal(isTrustedSender({ senderId: 1, frameUrl: 'https://evil.example/' }, [1], APP), false, 'navigated away');
  assert.equal(isTrustedSender({ senderId: 1, frameUrl: null }, [1], APP), false, 'frame gone');
});

test('navigation, permissions and outside links are held to the app', () => {
  assert.equal(allowsNavigation(APP, APP), true);
  assert.equal(allowsNavigation('https://app.frame.io/', APP), false);
  assert.equal(grantsPermission('notifications'), true);
  for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal']) assert.equal(grantsPermission(permission), false, permission);
  assert.equal(externalLink('https://app.frame.io/reviews/1'), 'https://app.frame.io/reviews/1');
  assert.equal(externalLink('http://app.frame.io/'), undefined);
  assert.equal(externalLink('https://app.frame.io.evil.example/'), undefined);
  assert.equal(externalLink('file:///etc/passwd'), undefined);
  assert.equal(externalLink('::not a url'), undefined);
});

test('the CSP allows scripts only from the app and nothing to frame or post it', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
  assert.deepEqual(directives.get('script-src'), ["'self'"]);
  assert.deepEqual(directives.get('object-src'), ["'none'"]);
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(directives.get('form-action'), ["'none'"]);
  assert.deepEqual(directives.get('base-uri'), ["'none'"]);
  assert.ok(!CONTENT_SECURITY_POLICY.includes("'unsafe-eval'"));
});
