import { describe, expect, it } from 'vitest';
import { pngBytes } from '../../test-support/png-bytes';
import { looksLikeSvg, sniffImage } from './image-format';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)),
  );
const u16be = (n: number) => [n >> 8, n & 0xff];
const u16le = (n: number) => [n & 0xff, n >> 8];
const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
const u32be = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];

describe('sniffImage', () => {
  it('reads a PNG and its size from the IHDR chunk', () => {
    expect(sniffImage(pngBytes(300, 200))).toEqual({ format: 'png', size: { width: 300, height: 200 } });
  });

  it('reads a JPEG frame header past the APP segments before it, fill bytes included', () => {
    const app0 = [0xff, 0xe0, ...u16be(16), ...bytes('JFIF\0'), ...new Array<number>(9).fill(0)];
    const sof2 = [0xff, 0xff, 0xc2, ...u16be(17), 8, ...u16be(2000), ...u16be(3000), 3];
    expect(sniffImage(bytes([0xff, 0xd8], app0, sof2, new Array<number>(12).fill(0)))).toEqual({
      format: 'jpeg',
      size: { width: 3000, height: 2000 },
    });
    // A scan before any frame header: a JPEG, size unknown.
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xda, 0, 8], new Array<number>(8).fill(0)))).toEqual({
      format: 'jpeg',
      size: null,
    });
  });

  it('reads a GIF', () => {
    expect(sniffImage(bytes('GIF89a', u16le(640), u16le(480), [0, 0, 0]))).toEqual({
      format: 'gif',
      size: { width: 640, height: 480 },
    });
  });

  it('reads the three kinds of WebP', () => {
    const riff = (chunk: string, body: number[]) => bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, body);
    const lossy = riff('VP8 ', [...new Array<number>(10).fill(0), ...u16le(1024), ...u16le(768)]);
    expect(sniffImage(lossy)).toEqual({ format: 'webp', size: { width: 1024, height: 768 } });
    // VP8L: 14 bits of width − 1, then 14 of height − 1, after the signature byte 0x2f.
    const bits = (100 - 1) | ((50 - 1) << 14);
    const lossless = riff('VP8L', [0, 0, 0, 0, 0x2f, ...u32le(bits), ...new Array<number>(8).fill(0)]);
    expect(sniffImage(lossless)).toEqual({ format: 'webp', size: { width: 100, height: 50 } });
    const extended = riff('VP8X', [0, 0, 0, 0, 0, 0, 0, 0, 0x3f, 0x1f, 0, 0xff, 0x0f, 0, 0]);
    expect(sniffImage(extended)).toEqual({ format: 'webp', size: { width: 8000, height: 4096 } });
  });

  it("reads an AVIF's largest image extents", () => {
    const ispe = (w: number, h: number) => [
      ...u32be(20),
      ...bytes('ispe'),
      0,
      0,
      0,
      0,
      ...u32be(w),
      ...u32be(h),
    ];
    const avif = bytes(
      u32be(24),
      'ftypavif',
      [0, 0, 0, 0],
      'mif1avif',
      ispe(256, 256),
      ispe(9000, 6000),
      [0, 0],
    );
    expect(sniffImage(avif)).toEqual({ format: 'avif', size: { width: 9000, height: 6000 } });
  });

  it('refuses what is not one of the formats, whatever it is called', () => {
    expect(sniffImage(bytes('<!doctype html><title>Not found</title>'))).toBeNull();
    expect(sniffImage(bytes('{"error":"not found"}'))).toBeNull();
    expect(sniffImage(bytes('BM', new Array<number>(40).fill(0)))).toBeNull(); // BMP: not sent
    expect(sniffImage(new Uint8Array(0))).toBeNull();
  });
});

describe('looksLikeSvg', () => {
  it('finds an SVG document, with or without a prolog or a byte order mark', () => {
    expect(looksLikeSvg(bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBe(true);
    const prolog =
      '<?xml version="1.0"?><!-- <html> --><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">';
    expect(looksLikeSvg(bytes(prolog, '\n<svg/>'))).toBe(true);
    expect(looksLikeSvg(bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg>'))).toBe(
      true,
    );
  });

  it('leaves other markup and pictures alone', () => {
    expect(looksLikeSvg(bytes('<!doctype html><button><svg viewBox="0 0 9 9"></svg>Log in</button>'))).toBe(
      false,
    );
    expect(looksLikeSvg(pngBytes(2, 2))).toBe(false);
  });
});
