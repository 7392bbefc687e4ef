# Draws Slate's app icon (assets/icon.png, 1024x1024): a slate-blue rounded tile with a
# clapperboard's striped bar. Plain Python so it runs anywhere; the PNG is committed.
import struct
import zlib

SIZE = 1024
RADIUS = 200
TOP = (0x3B, 0x3F, 0x8C)
BOTTOM = (0x1E, 0x20, 0x4A)
STRIPE = (0xF2, 0xF2, 0xF7)


def inside_rounded(x, y):
    cx = min(max(x, RADIUS), SIZE - 1 - RADIUS)
    cy = min(max(y, RADIUS), SIZE - 1 - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2


def pixel(x, y):
    if not inside_rounded(x, y):
        return (0, 0, 0, 0)
    t = y / SIZE
    base = tuple(round(a + (b - a) * t) for a, b in zip(TOP, BOTTOM))
    # The clapper bar: a band with diagonal stripes.
    if 300 <= y < 420 and 200 <= x < 824 and ((x + y) // 70) % 2 == 0:
        return STRIPE + (255,)
    # The slate body: a light frame under the bar.
    if 460 <= y < 760 and 200 <= x < 824 and not (490 <= y < 730 and 230 <= x < 794):
        return STRIPE + (255,)
    return base + (255,)


rows = []
for y in range(SIZE):
    row = bytearray([0])
    for x in range(SIZE):
        row.extend(pixel(x, y))
    rows.append(bytes(row))


def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)


png = b'\x89PNG\r\n\x1a\n'
png += chunk(b'IHDR', struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0))
png += chunk(b'IDAT', zlib.compress(b''.join(rows), 9))
png += chunk(b'IEND', b'')
with open('assets/icon.png', 'wb') as f:
    f.write(png)
