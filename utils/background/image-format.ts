/**
 * What a picture's first bytes say it is, whatever its Content-Type claims: one of the formats
 * every browser decodes, and its size in pixels where the header gives it. The size is read
 * before decoding so a small file that decodes to gigabytes (a "decompression bomb") is refused
 * without being decoded.
 */
export const IMAGE_FORMATS = ['jpeg', 'png', 'gif', 'webp', 'avif'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export interface SniffedImage {
  format: ImageFormat;
  /** Pixels wide and high as the header says; null where Footnote does not read it. */
  size: { width: number; height: number } | null;
}

/** The format and size of `bytes`, or null when they are none of IMAGE_FORMATS. */
export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (offset: number, text: string) => ascii(bytes, offset, text.length) === text;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { format: 'jpeg', size: jpegSize(bytes, view) };
  if (at(0, '\x89PNG\r\n\x1a\n')) {
    const size = at(12, 'IHDR') && bytes.length >= 24 ? dims(view.getUint32(16), view.getUint32(20)) : null;
    return { format: 'png', size };
  }
  if (at(0, 'GIF87a') || at(0, 'GIF89a')) {
    const size = bytes.length >= 10 ? dims(view.getUint16(6, true), view.getUint16(8, true)) : null;
    return { format: 'gif', size };
  }
  if (at(0, 'RIFF') && at(8, 'WEBP')) return { format: 'webp', size: webpSize(bytes, view, at) };
  if (at(4, 'ftyp') && (at(8, 'avif') || at(8, 'avis')))
    return { format: 'avif', size: avifSize(bytes, view) };
  return null;
}

/**
 * An SVG document (sent as image/svg+xml or not): its first element is <svg>, after at most a
 * byte order mark, an XML declaration, comments and a doctype. An HTML page with an inline icon
 * is not one.
 */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  return /^(?:\xef\xbb\xbf)?(?:\s|<\?[^]*?\?>|<!--[^]*?-->|<!doctype[^>]*>)*<svg[\s/>]/i.test(
    ascii(bytes, 0, 1_024),
  );
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** The frame header's size: segments are skipped by their lengths until a SOFn marker. */
function jpegSize(bytes: Uint8Array, view: DataView): SniffedImage['size'] {
  let offset = 2;
  while (offset + 9 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (SOF_MARKERS.has(marker)) return dims(view.getUint16(offset + 7), view.getUint16(offset + 5));
    if (marker === 0xda) return null; // the scan starts: no frame header before it
    offset += 2 + view.getUint16(offset + 2);
  }
  return null;
}

function webpSize(
  bytes: Uint8Array,
  view: DataView,
  at: (offset: number, text: string) => boolean,
): SniffedImage['size'] {
  if (bytes.length < 30) return null;
  if (at(12, 'VP8 ')) return dims(view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  if (at(12, 'VP8L')) {
    const bits = view.getUint32(21, true);
    return dims((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (at(12, 'VP8X')) return dims(uint24(view, 24) + 1, uint24(view, 27) + 1);
  return null;
}

/**
 * The largest 'ispe' (image spatial extents) property in the header: an AVIF can hold a grid of
 * tiles and a thumbnail, and the largest is what decoding costs.
 */
function avifSize(bytes: Uint8Array, view: DataView): SniffedImage['size'] {
  let best: SniffedImage['size'] = null;
  const end = Math.min(bytes.length, 65_536) - 16;
  for (let offset = 0; offset <= end; offset++) {
    if (bytes[offset] !== 0x69 || ascii(bytes, offset, 4) !== 'ispe') continue; // 0x69: "i"
    const size = dims(view.getUint32(offset + 8), view.getUint32(offset + 12));
    if (!best || size.width * size.height > best.width * best.height) best = size;
  }
  return best;
}

function dims(width: number, height: number) {
  return { width, height };
}

function uint24(view: DataView, offset: number): number {
  return view.getUint16(offset, true) | (view.getUint8(offset + 2) << 16);
}

/** Bytes as Latin-1 text (each byte one character). */
function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}
