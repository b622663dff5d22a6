import { crc32, deflateSync } from 'node:zlib';

/**
 * A real PNG file (8-bit RGBA, no interlace) of width × height, its pixels from `pixel`
 * (default: a diagonal gradient, opaque): image tests decode and measure real bytes, not stubs.
 */
export function pngBytes(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number, number] = (x, y) => [
    x % 256,
    y % 256,
    (x + y) % 256,
    255,
  ],
): Uint8Array {
  const rowLength = 1 + width * 4;
  const raw = Buffer.alloc(rowLength * height);
  for (let y = 0; y < height; y++) {
    // Each row starts with its filter type: 0, none.
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * rowLength + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, filter 0, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}
