/**
 * Draws the app icons (a certificate card with a check mark) as PNG without any image library, so
 * they can be remade on any machine: `npx tsx scripts/make-icons.ts`.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgb = [number, number, number];
const BLUE: Rgb = [11, 92, 171];
const WHITE: Rgb = [255, 255, 255];
const GREEN: Rgb = [22, 128, 60];
const GREY: Rgb = [176, 190, 205];

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel((x + 0.5) / size, (y + 0.5) / size);
      const at = y * (size * 3 + 1) + 1 + x * 3;
      raw[at] = r;
      raw[at + 1] = g;
      raw[at + 2] = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const t = Math.max(
    0,
    Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

/** `scale` < 1 keeps the drawing inside the maskable safe zone. */
function icon(scale: number) {
  return (x0: number, y0: number): Rgb => {
    const x = 0.5 + (x0 - 0.5) / scale;
    const y = 0.5 + (y0 - 0.5) / scale;
    const inCard = x > 0.16 && x < 0.84 && y > 0.24 && y < 0.76;
    const check = Math.min(
      distanceToSegment(x, y, 0.36, 0.52, 0.46, 0.63),
      distanceToSegment(x, y, 0.46, 0.63, 0.68, 0.38),
    );
    if (check < 0.045) return GREEN;
    if (inCard && y > 0.3 && y < 0.34 && x > 0.22 && x < 0.6) return GREY;
    if (inCard) return WHITE;
    return BLUE;
  };
}

const out = new URL('../public/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), png(192, icon(1)));
writeFileSync(new URL('icon-512.png', out), png(512, icon(1)));
writeFileSync(new URL('icon-maskable-512.png', out), png(512, icon(0.78)));
writeFileSync(new URL('apple-touch-icon-180.png', out), png(180, icon(0.9)));
writeFileSync(
  new URL('icon.svg', out),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><title>資格確認書 回収</title><rect width="100" height="100" fill="#0b5cab"/><rect x="16" y="24" width="68" height="52" fill="#fff"/><rect x="22" y="30" width="38" height="4" fill="#b0becd"/><path d="M36 52 46 63 68 38" fill="none" stroke="#16803c" stroke-width="9"/></svg>\n`,
);
