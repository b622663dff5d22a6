// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ALT_MAX, IMAGES_MAX, URL_MAX } from '../core/post';
import { picturesOf, postMedia, READABLE_WIDTH, readableSrc } from './post-media';

const PAGE = 'https://forum.example.org/t/bridge/4821';

/** The `<img>` elements of `html`, in a document served at PAGE (or whatever its `<base>` says). */
function images(html: string): HTMLImageElement[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  if (doc.querySelector('base') === null) {
    const base = doc.createElement('base');
    base.href = PAGE;
    doc.head.append(base);
  }
  return Array.from(doc.querySelectorAll('img'));
}

const image = (attributes: string) => images(`<img ${attributes}>`)[0]!;

describe('readableSrc', () => {
  it(`takes the widest srcset candidate of at most ${READABLE_WIDTH} px`, () => {
    const img = image(
      'src="/s/640.jpg" srcset="/s/320.jpg 320w, /s/1080.jpg 1080w, /s/2048.jpg 2048w, /s/640.jpg 640w"',
    );
    expect(readableSrc(img)).toBe('https://forum.example.org/s/1080.jpg');
    img.setAttribute('srcset', `/s/exact.jpg ${READABLE_WIDTH}w, /s/1080.jpg 1080w`);
    expect(readableSrc(img)).toBe('https://forum.example.org/s/exact.jpg');
  });

  it('keeps the src when every candidate is wider, or the srcset gives densities only', () => {
    expect(readableSrc(image('src="/s/small.jpg" srcset="/s/orig.jpg 4032w"'))).toBe(
      'https://forum.example.org/s/small.jpg',
    );
    expect(readableSrc(image('src="/s/1x.jpg" srcset="/s/2x.jpg 2x, /s/3x.jpg 3x"'))).toBe(
      'https://forum.example.org/s/1x.jpg',
    );
  });

  it('reads candidates whose URLs hold commas (image CDNs put sizes in the path)', () => {
    const img = image(
      'srcset="https://cdn.example/w_400,h_300/a.jpg 400w,https://cdn.example/w_1000,h_750/a.jpg 1000w"',
    );
    expect(readableSrc(img)).toBe('https://cdn.example/w_1000,h_750/a.jpg');
  });

  it('resolves against the page, and gives null for nothing to resolve', () => {
    expect(readableSrc(image('src="../pic.png"'))).toBe('https://forum.example.org/t/pic.png');
    expect(readableSrc(image('alt="no address"'))).toBeNull();
    expect(readableSrc(images('<base href="about:blank"><img src="pic.png">')[0]!)).toBeNull();
  });
});

describe('picturesOf', () => {
  it('gives each image its alt text and its address, in order; "" for what it lacks', () => {
    const imgs = images(
      '<img alt=" A chart \n" src="https://i.example/chart.png">' +
        '<img src="javascript:alert(1)">' +
        '<img alt="Uploading" src="blob:https://social.example/4f1c">' +
        '<img alt="Inline" src="data:image/png;base64,AAAA">' +
        `<img alt="Long" src="https://i.example/${'a'.repeat(URL_MAX)}.png">` +
        '<img alt="Relative" src="/p/photo.webp">',
    );
    expect(picturesOf(imgs)).toEqual({
      imageAlts: ['A chart', '', 'Uploading', 'Inline', 'Long', 'Relative'],
      imageUrls: ['https://i.example/chart.png', '', '', '', '', 'https://forum.example.org/p/photo.webp'],
    });
  });

  it('reads addresses the way it is told, and keeps only http(s) ones', () => {
    const imgs = images(
      '<img data-full="https://i.example/full.jpg"><img data-full="ftp://i.example/x.jpg">',
    );
    expect(picturesOf(imgs, (img) => img.getAttribute('data-full')).imageUrls).toEqual([
      'https://i.example/full.jpg',
      '',
    ]);
  });

  it(`keeps at most ${IMAGES_MAX} images and clips alt text`, () => {
    const imgs = images(`<img alt="${'x'.repeat(ALT_MAX + 10)}" src="https://i.example/0.png">`.repeat(25));
    const { imageAlts, imageUrls } = picturesOf(imgs);
    expect(imageAlts).toHaveLength(IMAGES_MAX);
    expect(imageUrls).toHaveLength(IMAGES_MAX);
    expect(imageAlts[0]).toHaveLength(ALT_MAX);
  });
});

describe('postMedia', () => {
  const pictures = { imageAlts: [], imageUrls: [] };

  it('adds the video alt text, trimmed and clipped, only when there is one', () => {
    expect(postMedia(pictures, true, '  The reef at low tide \n')).toEqual({
      ...pictures,
      hasVideo: true,
      videoAlt: 'The reef at low tide',
    });
    expect(postMedia(pictures, true, 'v'.repeat(ALT_MAX + 1)).videoAlt).toHaveLength(ALT_MAX);
    for (const none of [undefined, null, '', ' \n ']) {
      expect(postMedia(pictures, true, none)).toEqual({ ...pictures, hasVideo: true });
    }
  });
});
