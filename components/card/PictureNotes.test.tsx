// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { useReactRoot } from '@/test-support/react-root';
import type { ImageReport } from '@/utils/core/images';
import { PictureNotes } from './PictureNotes';

vi.mock('#i18n', () => import('../../test-support/english-i18n'));

const { render, container } = useReactRoot();
const lines = () => [...container().querySelectorAll('li')].map((li) => li.textContent);
const report = (patch: Partial<ImageReport>): ImageReport => ({
  sent: [],
  skipped: [],
  textOnly: false,
  estimatedTokens: 0,
  ...patch,
});

describe('PictureNotes', () => {
  it('names each picture that was not sent, whose it is and why', () => {
    render(
      <PictureNotes
        images={report({
          skipped: [
            { of: 'post', index: 2, reason: 'svg' },
            { of: 'quoted', index: 1, reason: 'timeout' },
          ],
        })}
        hasVideo={false}
      />,
    );
    expect(lines()).toEqual([
      'Image 2 of the post was not sent: SVG files are never sent.',
      'Image 1 of the quoted post was not sent: it took too long to load.',
    ]);
  });

  it('says when the model read descriptions only, and that a video is never sent', () => {
    render(<PictureNotes images={report({ textOnly: true })} hasVideo />);
    expect(lines()).toEqual([
      'This model reads no pictures: the note was written from their descriptions (alt text).',
      "The video's frames are not sent to the model: only its caption, where the site shows one.",
    ]);
  });

  it('says nothing when every picture was sent and there is no video', () => {
    render(
      <PictureNotes
        images={report({ sent: [{ of: 'post', index: 1, width: 1024, height: 768, bytes: 51_000 }] })}
        hasVideo={false}
      />,
    );
    expect(container().textContent).toBe('');
  });
});
