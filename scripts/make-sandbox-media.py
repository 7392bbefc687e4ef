# Makes the sample media the sandbox's demo seed uploads (assets/sandbox/): a few PNG stills,
# a short WAV tone and a three-page PDF call sheet with storyboard frames (the playable clips come
# from scripts/make-demo-clips.sh, which needs ffmpeg). Plain Python
# so it runs anywhere; the files are committed. Run from the repository root:
#   python3 scripts/make-sandbox-media.py
import math
import os
import struct
import wave
import zlib

OUT = os.path.join('assets', 'sandbox')


def png(path, width, height, pixel):
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows.extend(pixel(x, y))
    data = b'\x89PNG\r\n\x1a\n'
    data += chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
    data += chunk(b'IDAT', zlib.compress(bytes(rows), 9))
    data += chunk(b'IEND', b'')
    with open(path, 'wb') as f:
        f.write(data)


def mix(a, b, t):
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def harbor_dawn(x, y):
    # A dawn sky over dark water, a low sun on the horizon.
    horizon = 100
    if y < horizon:
        colour = mix((0x2A, 0x3A, 0x6B), (0xF2, 0xA6, 0x5A), y / horizon)
    else:
        colour = mix((0x1B, 0x2B, 0x44), (0x0B, 0x13, 0x20), (y - horizon) / 80)
    if (x - 200) ** 2 + (y - horizon) ** 2 < 22 ** 2 and y <= horizon:
        colour = (0xFF, 0xD8, 0x8A)
    return colour


def lighthouse_night(x, y):
    # A night sky, a white tower and its beam.
    colour = mix((0x05, 0x08, 0x18), (0x14, 0x1E, 0x3C), y / 180)
    if 150 <= x <= 170 and 60 <= y <= 170:
        colour = (0xE8, 0xE8, 0xE0) if (y // 18) % 2 == 0 else (0xB8, 0x2A, 0x2A)
    beam = abs((y - 58) - (x - 160) * 0.25) < 6 and x > 170
    if beam or (150 <= x <= 170 and 48 <= y < 60):
        colour = (0xFF, 0xF1, 0xB0)
    if y > 165:
        colour = (0x10, 0x10, 0x14)
    return colour


def slate_card(x, y):
    # A clapperboard card: striped bar over a dark slate.
    if y < 30:
        return (0xF2, 0xF2, 0xF7) if ((x + y) // 20) % 2 == 0 else (0x1E, 0x20, 0x4A)
    if y in (70, 110, 150) or x in (8, 311):
        return (0xC8, 0xC8, 0xD0)
    return (0x2B, 0x2E, 0x36)


def tone(path, seconds=1.5, rate=16000, frequency=440.0):
    with wave.open(path, 'wb') as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = bytearray()
        count = int(seconds * rate)
        for i in range(count):
            fade = min(1.0, i / 800, (count - i) / 800)
            frames += struct.pack('<h', int(0.3 * 32767 * fade * math.sin(2 * math.pi * frequency * i / rate)))
        w.writeframes(bytes(frames))


def pdf(path, pages):
    """A PDF 1.4 written out by hand: one uncompressed content stream per page, Helvetica text."""

    def escape(text):
        return text.replace('\\', '\\\\').replace('(', '\\(').replace(')', '\\)')

    def content(page):
        ops = []
        for (x, y, w, h) in page.get('boxes', []):
            ops.append(f'0.2 0.2 0.25 RG 1.5 w {x} {y} {w} {h} re S')
        for (x, y, size, text) in page['lines']:
            ops.append(f'BT /F1 {size} Tf {x} {y} Td ({escape(text)}) Tj ET')
        return '\n'.join(ops).encode('latin-1')

    count = len(pages)
    # Objects: 1 catalog, 2 page tree, 3 font, then a page and its content stream for each page.
    page_ids = [4 + 2 * i for i in range(count)]
    objects = {
        1: b'<< /Type /Catalog /Pages 2 0 R >>',
        2: b'<< /Type /Pages /Kids [' + b' '.join(b'%d 0 R' % i for i in page_ids) + b'] /Count %d >>' % count,
        3: b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    }
    for page_id, page in zip(page_ids, pages):
        stream = content(page)
        objects[page_id] = b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>' % (page_id + 1)
        objects[page_id + 1] = b'<< /Length %d >>\nstream\n' % len(stream) + stream + b'\nendstream'
    data = b'%PDF-1.4\n'
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(data)
        data += b'%d 0 obj\n' % number + objects[number] + b'\nendobj\n'
    xref = len(data)
    data += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    data += b''.join(b'%010d 00000 n \n' % offsets[n] for n in sorted(objects))
    data += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, xref)
    with open(path, 'wb') as f:
        f.write(data)


CALL_SHEET = [
    {'lines': [
        (72, 700, 28, 'Harbor Lights - Call Sheet'),
        (72, 660, 14, 'Day 01 of 18  -  Saturday 8 June 2024'),
        (72, 610, 12, 'Crew call 05:00 at the harbor car park. Sunrise 05:12.'),
        (72, 590, 12, 'Scenes 12, 14, 15  -  Ext. Harbor / Int. Lighthouse'),
        (72, 570, 12, 'Weather: clear, wind 10 knots from the west.'),
        (72, 100, 10, 'Page 1 of 3'),
    ]},
    {'lines': [
        (72, 700, 22, 'Scene 12 - Harbor at dawn'),
        (72, 672, 12, 'Storyboard: three frames, wide to close.'),
        (72, 430, 11, '12A  Wide: the town wakes'),
        (318, 430, 11, '12B  Mid: Mara on the pier'),
        (72, 180, 11, '12C  Close: the lighthouse goes dark'),
        (72, 100, 10, 'Page 2 of 3'),
    ], 'boxes': [(72, 450, 222, 200), (318, 450, 222, 200), (72, 200, 222, 200)]},
    {'lines': [
        (72, 700, 22, 'Contacts'),
        (72, 660, 12, 'Producer: Rosa Alvarez'),
        (72, 640, 12, 'First AD: Sam Okafor'),
        (72, 620, 12, 'Nearest hospital: Harbor General, 12 minutes'),
        (72, 100, 10, 'Page 3 of 3'),
    ]},
]


def main():
    os.makedirs(OUT, exist_ok=True)
    png(os.path.join(OUT, 'Harbor_Dawn.png'), 320, 180, harbor_dawn)
    png(os.path.join(OUT, 'Lighthouse_Night.png'), 320, 180, lighthouse_night)
    png(os.path.join(OUT, 'A001_C003_Slate.png'), 320, 180, slate_card)
    tone(os.path.join(OUT, 'Room_Tone_440Hz.wav'))
    pdf(os.path.join(OUT, 'Harbor_Call_Sheet.pdf'), CALL_SHEET)
    total = sum(os.path.getsize(os.path.join(OUT, name)) for name in os.listdir(OUT))
    print(f'{OUT}: {total} bytes')


main()
