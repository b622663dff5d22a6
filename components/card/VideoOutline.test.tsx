// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { useReactRoot } from '@/test-support/react-root';
import type { VideoReport } from '@/utils/core/video';
import { VideoOutline, VideoProgressLine } from './VideoOutline';

vi.mock('#i18n', () => import('../../test-support/english-i18n'));

const { render, container } = useReactRoot();
const report = (patch: Partial<VideoReport>): VideoReport => ({
  source: 'captions',
  language: 'pt',
  automatic: false,
  durationSeconds: 754,
  readSeconds: 754,
  parts: 1,
  failedParts: 0,
  moments: [],
  ...patch,
});
const notes = () => [...container().querySelectorAll('.video-notes li')].map((li) => li.textContent);

describe('VideoOutline', () => {
  it('lists each moment with a button that plays the video from its time', () => {
    const onSeek = vi.fn();
    render(
      <VideoOutline
        video={report({
          moments: [
            { at: 0, text: 'The host introduces the study.' },
            { at: 3723, text: 'The speaker says 12% of cases.' },
          ],
        })}
        onSeek={onSeek}
      />,
    );
    expect(container().querySelector('h2')?.textContent).toBe('In this video');
    const buttons = [...container().querySelectorAll('button')];
    expect(buttons.map((b) => [b.textContent, b.getAttribute('aria-label')])).toEqual([
      ['0:00', 'Play the video from 0:00'],
      ['1:02:03', 'Play the video from 1:02:03'],
    ]);
    expect(container().querySelectorAll('li')[1]?.textContent).toBe('1:02:03 The speaker says 12% of cases.');
    buttons[1]!.click();
    expect(onSeek).toHaveBeenCalledWith(3723);
    expect(notes()).toEqual([]);
  });

  it('says what the outline was made from and how much of a long video it covers', () => {
    render(
      <VideoOutline
        video={report({
          automatic: true,
          durationSeconds: 14_400,
          readSeconds: 5_400,
          failedParts: 2,
          moments: [{ at: 5, text: 'A point.' }],
        })}
        onSeek={() => undefined}
      />,
    );
    expect(notes()).toEqual([
      'Outlined from captions YouTube made automatically: a name or figure may be misheard.',
      'The outline covers the first 1:30:00 of 4:00:00: longer videos are read in part.',
      'Parts of the transcript the model could not outline: 2.',
    ]);
  });

  it('says why there was no transcript, with no moments list', () => {
    render(<VideoOutline video={report({ source: null, missing: 'not_shared' })} onSeek={() => undefined} />);
    expect(container().querySelector('h2')).toBeNull();
    expect(notes()).toEqual([
      "YouTube did not give Footnote this video's captions. To include them, open “Show transcript” under the video, then choose Regenerate.",
    ]);
  });
});

describe('VideoProgressLine', () => {
  it('says what is being done, and how to stop it', () => {
    render(<VideoProgressLine progress={{ step: 'outline', done: 1, total: 4 }} />);
    expect(container().textContent).toBe('Outlining the video: part 2 of 4… Closing the card stops it.');
    render(<VideoProgressLine progress={{ step: 'transcript', done: 0, total: 0 }} />);
    expect(container().textContent).toBe("Reading the video's transcript… Closing the card stops it.");
    render(<VideoProgressLine progress={{ step: 'outline', done: 4, total: 4 }} />);
    expect(container().textContent).toBe('Writing the note… Closing the card stops it.');
  });
});
