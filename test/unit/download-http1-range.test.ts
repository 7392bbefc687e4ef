// The download's own HTTP/1.1 client against servers that answer by hand, byte by byte where it
// matters: heads and bodies split anywhere, answers longer than they say, connections that close,
// stall or are kept, chunked error bodies, and https through a certificate made for the test.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createServer as createTlsServer, Server as TlsServer } from 'node:tls';
import { Http1RangeClient, type Answer } from '../../main/core/transfers/download/http1-range.ts';

const BODY = Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 17 }, (_, i) => (i * 31 + (i >> 9)) & 0xff));
const never = new AbortController().signal;
const servers: Server[] = [];
after(() => {
  for (const server of servers) server.close();
});

function client(options: { idleTimeoutMs?: number; ca?: Buffer } = {}): Http1RangeClient {
  return new Http1RangeClient({ connectTimeoutMs: 10_000, idleTimeoutMs: 10_000, keepMs: 10_000, ...options });
}

interface Exchange {
  socket: Socket;
  request: string;
  /** which connection (0, 1, …) the request came on */
  connection: number;
}

/** A server that hands each request, head only, to `answer`, with the connection it came on. */
async function serve(answer: (exchange: Exchange) => void, server: Server = createServer()): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  server.on(server instanceof TlsServer ? 'secureConnection' : 'connection', (socket: Socket) => {
    const connection = connections++;
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const request = pending.slice(0, end);
        pending = pending.slice(end + 4);
        answer({ socket, request, connection });
      }
    });
    socket.on('error', () => {});
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

/** The `bytes=a-b` a request asked for. */
function asked(request: string): [number, number] {
  const [, start, end] = /\r\nRange: bytes=(\d+)-(\d+)/i.exec(request)!;
  return [Number(start), Number(end)];
}

function head206(start: number, end: number, extra = ''): string {
  return `HTTP/1.1 206 Partial Content\r\nContent-Length: ${end - start + 1}\r\nContent-Range: bytes ${start}-${end}/${BODY.length}\r\n${extra}\r\n`;
}

/**
 * Every byte of an answer's body, read `want` at a time. Each read's bytes are kept until a turn of
 * the event loop has passed, as a file write keeps them, before they are copied: a byte the socket
 * put into them meanwhile would show.
 */
async function readAll(answer: Answer, want = 1024 * 1024): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for (let bytes = await answer.read(want); bytes.length > 0; bytes = await answer.read(want)) {
    await new Promise(setImmediate);
    pieces.push(Buffer.from(bytes));
  }
  return Buffer.concat(pieces);
}

/** Fetches byte ranges of `link` one after another, each checked whole. */
async function fetchInTurn(http: Http1RangeClient, link: string, ranges: Array<[number, number]>): Promise<void> {
  for (const [start, end] of ranges) {
    const answer = await http.get(link, `bytes=${start}-${end}`, never);
    assert.deepEqual(await readAll(answer), BODY.subarray(start, end + 1), `bytes ${start}-${end}`);
    answer.release();
  }
}

/** Writes `bytes` a slice at a time, each after the other has gone out and a turn of the loop. */
async function trickle(socket: Socket, bytes: Buffer, slice: number): Promise<void> {
  for (let at = 0; at < bytes.length && !socket.destroyed; at += slice) {
    await new Promise<void>((resolve) => socket.write(bytes.subarray(at, at + slice), () => setImmediate(resolve)));
  }
}

const plainAnswer = ({ socket, request }: Exchange) => {
  const [start, end] = asked(request);
  socket.write(head206(start, end));
  socket.write(BODY.subarray(start, end + 1));
};

test('the request line carries the link path and query exactly as written, with Host, Range and User-Agent', async () => {
  let seen = '';
  const { url } = await serve((exchange) => {
    seen = exchange.request;
    plainAnswer(exchange);
  });
  const link = `${url}/objects/a%2Fb/it's~here?X-Amz-Signature=ab%2Bc&x-id=GetObject&q='quoted'#fragment`;
  const answer = await client().get(link, 'bytes=0-9', never);
  assert.deepEqual(await readAll(answer), BODY.subarray(0, 10));
  answer.release();
  const [line, ...fields] = seen.split('\r\n');
  assert.equal(line, "GET /objects/a%2Fb/it's~here?X-Amz-Signature=ab%2Bc&x-id=GetObject&q='quoted' HTTP/1.1");
  assert.deepEqual(fields, [`Host: ${new URL(url).host}`, 'Range: bytes=0-9', 'User-Agent: Slate']);
});

test('a head split across reads, an interim 103 before it, and names in any case', async () => {
  const { url } = await serve(({ socket, request }) => {
    const [start, end] = asked(request);
    const text = `HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 206 Partial Content\r\ncOnTeNt-LeNgTh: ${end - start + 1}\r\nCONTENT-RANGE:  bytes ${start}-${end}/${BODY.length}  \r\nX-Amz-Request-Id: 1\r\nX-Amz-Request-Id: 2\r\n\r\n`;
    void trickle(socket, Buffer.concat([Buffer.from(text, 'latin1'), BODY.subarray(start, end + 1)]), 3);
  });
  const answer = await client().get(`${url}/blob`, 'bytes=100-1099', never);
  assert.equal(answer.head.status, 206);
  assert.equal(answer.head.headers.get('content-range'), `bytes 100-1099/${BODY.length}`);
  assert.equal(answer.head.headers.get('x-amz-request-id'), '1, 2');
  assert.equal(answer.head.length, 1000);
  assert.deepEqual(await readAll(answer), BODY.subarray(100, 1100));
  answer.release();
});

test('a body arriving one byte at a time comes out whole and in order, asked for in small and large reads', async () => {
  const { url } = await serve(({ socket, request }) => {
    const [start, end] = asked(request);
    socket.write(head206(start, end));
    void trickle(socket, BODY.subarray(start, end + 1), 1);
  });
  const http = client();
  for (const want of [7, 1024 * 1024]) {
    const answer = await http.get(`${url}/blob`, 'bytes=5000-5999', never);
    assert.deepEqual(await readAll(answer, want), BODY.subarray(5000, 6000), `reads of ${want}`);
    answer.release();
  }
});

test('a large range comes through both halves of the buffer many times over', async () => {
  const { url } = await serve(plainAnswer);
  const answer = await client().get(`${url}/blob`, `bytes=1-${BODY.length - 1}`, never);
  assert.ok((await readAll(answer)).equals(BODY.subarray(1)));
  answer.release();
});

test('two ranges go on one kept connection', async () => {
  const { url, connections } = await serve(plainAnswer);
  await fetchInTurn(client(), `${url}/blob`, [[0, 99999], [100000, 299999]]);
  assert.equal(connections(), 1);
});

test('a connection is not kept after Connection: close, after an answer left unread, or after more bytes than the answer said', async () => {
  const cases: Array<{ name: string; answer: (exchange: Exchange) => void; readWhole: boolean }> = [
    {
      name: 'Connection: close',
      answer: ({ socket, request }) => {
        const [start, end] = asked(request);
        socket.write(head206(start, end, 'Connection: close\r\n'));
        socket.write(BODY.subarray(start, end + 1));
      },
      readWhole: true,
    },
    { name: 'an unread body', answer: plainAnswer, readWhole: false },
    {
      name: 'an answer longer than it said',
      answer: ({ socket, request }) => {
        const [start, end] = asked(request);
        socket.write(head206(start, end));
        socket.write(BODY.subarray(start, end + 1 + 100));
      },
      readWhole: true,
    },
  ];
  for (const { name, answer, readWhole } of cases) {
    const { url, connections } = await serve(answer);
    const http = client();
    const first = await http.get(`${url}/blob`, 'bytes=0-199999', never);
    if (readWhole) assert.deepEqual(await readAll(first), BODY.subarray(0, 200000), name);
    else assert.equal((await first.read(1000)).length > 0, true);
    first.release();
    const second = await http.get(`${url}/blob`, 'bytes=0-9', never);
    assert.deepEqual(await readAll(second), BODY.subarray(0, 10), name);
    second.release();
    assert.equal(connections(), 2, name);
  }
});

test('a kept connection the server closes as the next request goes out is replaced without a failure', async () => {
  const { url, connections } = await serve((exchange) => {
    // The second request on the first connection finds it closed, as an object store's idle timeout does.
    if (exchange.connection === 0 && exchange.request.includes('bytes=10-19')) return exchange.socket.destroy();
    plainAnswer(exchange);
  });
  await fetchInTurn(client(), `${url}/blob`, [[0, 9], [10, 19]]);
  assert.equal(connections(), 2);
});

test('a connection closed mid-body gives what came, then says it closed', async () => {
  const { url } = await serve(({ socket, request }) => {
    const [start, end] = asked(request);
    socket.write(head206(start, end));
    socket.end(BODY.subarray(start, start + 1000));
  });
  const answer = await client().get(`${url}/blob`, 'bytes=0-99999', never);
  const pieces: Buffer[] = [];
  const error = await (async () => {
    for (;;) pieces.push(Buffer.from(await answer.read(1024 * 1024)));
  })().catch((caught: unknown) => caught);
  answer.release();
  assert.deepEqual(Buffer.concat(pieces), BODY.subarray(0, 1000));
  assert.match((error as Error).message, /the connection closed/);
});

test("a chunked error body is read dechunked, S3's <Code> split across chunks, and the connection is dropped", async () => {
  const { url, connections } = await serve(({ socket }) => {
    const xml = ['<?xml version="1.0"?><Error><Co', 'de>AccessDenied</Code><Message>Request has expired</Message>', '</Error>'];
    const chunks = xml.map((piece) => `${piece.length.toString(16)};ext=1\r\n${piece}\r\n`).join('');
    // Kept open: the last chunk is what ends the body, not the connection.
    void trickle(socket, Buffer.from(`HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\nContent-Type: application/xml\r\n\r\n${chunks}0\r\n\r\n`), 5);
  });
  const http = client();
  const answer = await http.get(`${url}/blob`, 'bytes=0-9', never);
  assert.equal(answer.head.status, 403);
  assert.equal(answer.head.chunked, true);
  assert.equal(await answer.text(64 * 1024), '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
  answer.release();
  const next = await http.get(`${url}/blob`, 'bytes=0-9', never);
  next.release();
  assert.equal(connections(), 2, 'the error answer took its connection with it');
});

test('an error body longer than asked for is cut at the limit', async () => {
  const { url } = await serve(({ socket }) => socket.write(`HTTP/1.1 500 Internal Server Error\r\nContent-Length: 100000\r\n\r\n${'x'.repeat(100000)}`));
  const answer = await client().get(`${url}/blob`, 'bytes=0-9', never);
  assert.equal((await answer.text(1000)).length, 1000);
  answer.release();
});

test('a head longer than 16 KiB, or not HTTP at all, is refused as malformed', async () => {
  for (const [name, text] of [
    ['a long head', `HTTP/1.1 206 Partial Content\r\nX-Padding: ${'p'.repeat(17 * 1024)}\r\n\r\n`],
    ['not HTTP', 'SSH-2.0-OpenSSH_9.6\r\n\r\n'],
    ['a folded line', 'HTTP/1.1 206 Partial Content\r\nContent-Length: 10\r\n  folded\r\n\r\n'],
    ['two lengths', 'HTTP/1.1 206 Partial Content\r\nContent-Length: 10, 11\r\n\r\n'],
  ] as const) {
    const { url } = await serve(({ socket }) => socket.write(text));
    const error = await client().get(`${url}/blob`, 'bytes=0-9', never).catch((caught: unknown) => caught);
    assert.equal((error as Error).constructor.name, 'MalformedAnswer', `${name}: ${String(error)}`);
  }
});

test('a stalled answer fails after the idle timeout, with how long it waited', async () => {
  const { url } = await serve(({ socket, request }) => {
    const [start, end] = asked(request);
    socket.write(head206(start, end));
    socket.write(BODY.subarray(start, start + 100));
  });
  const answer = await client({ idleTimeoutMs: 200 }).get(`${url}/blob`, 'bytes=0-99999', never);
  assert.equal((await answer.read(100)).length, 100);
  await assert.rejects(answer.read(1000), /no byte came for 0.2 s/);
  answer.release();
});

test('an abort mid-body stops the read at once with its reason, and the connection goes', async () => {
  const controller = new AbortController();
  const { url, connections } = await serve(({ socket, request }) => {
    const [start, end] = asked(request);
    socket.write(head206(start, end));
    socket.write(BODY.subarray(start, start + 100));
  });
  const http = client();
  const answer = await http.get(`${url}/blob`, 'bytes=0-99999', controller.signal);
  assert.equal((await answer.read(100)).length, 100);
  const waiting = answer.read(1000);
  controller.abort(new Error('paused by the person'));
  await assert.rejects(waiting, /paused by the person/);
  answer.release();
  await assert.rejects(http.get(`${url}/blob`, 'bytes=0-9', controller.signal), /paused by the person/);
  assert.equal(connections(), 1);
});

const openssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('https: ranges through a certificate trusted with `ca` on one kept connection; without it, refused', { skip: !openssl && 'openssl is not installed, so no certificate can be made' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'http1-tls-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const ca = readFileSync(cert);
  const { url, connections } = await serve(plainAnswer, createTlsServer({ key: readFileSync(key), cert: ca }));
  const secure = url.replace('http:', 'https:');
  const http = client({ ca });
  // Large enough that TLS hands over bytes after each pause, which land in the other half.
  for (const [start, end] of [[0, 2 * 1024 * 1024], [5, BODY.length - 1]] as const) {
    const answer = await http.get(`${secure}/blob`, `bytes=${start}-${end}`, never);
    assert.ok((await readAll(answer, 64 * 1024)).equals(BODY.subarray(start, end + 1)), `bytes ${start}-${end}`);
    answer.release();
  }
  assert.equal(connections(), 1);
  await assert.rejects(client().get(`${secure}/blob`, 'bytes=0-9', never), /self-signed certificate/);
});
