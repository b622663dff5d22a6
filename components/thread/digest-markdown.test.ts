import { describe, expect, it } from 'vitest';
import { digestAsMarkdown, type Translate } from './digest-markdown';
import { sampleDigest, sampleDigestMeta, sampleThreadView } from './sample-thread-view';

/** English texts of the keys the Markdown uses, as the extension's i18n would give them. */
const t: Translate = (key, ...args) => {
  const count = args.find((a): a is number => typeof a === 'number');
  const subs =
    args.find((a): a is string[] => Array.isArray(a)) ?? (count === undefined ? [] : [String(count)]);
  const texts: Record<string, string> = {
    'thread.title': 'Summary of this discussion',
    'thread.positions': 'Main positions',
    'thread.disputed': 'Disputed claims',
    'thread.sourced': 'Sourced contributions',
    'thread.questions': 'Open questions',
    'thread.support.most': 'held by most',
    'thread.support.few': 'held by a few',
    'thread.sides': 'Who holds each side: $1',
    'thread.basedOn': count === 1 ? 'Based on the 1 comment shown.' : 'Based on the $1 comments shown.',
    'thread.leftOut': '$1 more were not summarized.',
    'thread.skipped': count === 1 ? 'Chunk $1 was skipped.' : 'Chunks $1 were skipped.',
  };
  return (texts[key] ?? key).replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
};

describe('digest as Markdown', () => {
  it('has the sections, each point with links to the comments it draws on, and what it is based on', () => {
    expect(digestAsMarkdown(sampleThreadView(), t)).toBe(
      [
        '## Summary of this discussion',
        '',
        'Whether the city should build the new bridge.',
        '',
        '### Main positions',
        '',
        '- The bridge is worth its cost. _(held by most)_ — [\\@alice](https://x.com/alice/status/1), [\\@bob](https://x.com/bob/status/2)',
        '- The money should go to buses. _(held by a few)_ — [\\@carol](https://x.com/carol/status/3)',
        '',
        '### Disputed claims',
        '',
        '- The bridge costs \\$2bn. — Who holds each side: \\@alice says yes, \\@carol says no. — [\\@alice](https://x.com/alice/status/1), [\\@carol](https://x.com/carol/status/3)',
        '',
        '### Sourced contributions',
        '',
        '- The council report puts it at \\$1\\.8bn. — [\\@bob](https://x.com/bob/status/2)',
        '',
        '### Open questions',
        '',
        '- Who pays for upkeep?',
        '',
        '_Based on the 3 comments shown._',
      ].join('\n'),
    );
  });

  it('says how many comments were left out and which chunks were skipped', () => {
    const meta = sampleDigestMeta({ posts: 5000, leftOut: 120, skippedChunks: [2, 5] });
    expect(digestAsMarkdown(sampleThreadView({ meta }), t).split('\n').at(-1)).toBe(
      '_Based on the 5000 comments shown. 120 more were not summarized. Chunks 2, 5 were skipped._',
    );
  });

  it('leaves out empty sections, and the coverage line of a digest still streaming', () => {
    const digest = sampleDigest({ disputed: [], sourced: [], questions: [] });
    const markdown = digestAsMarkdown(sampleThreadView({ digest, meta: null }), t);
    expect(markdown).toContain('### Main positions');
    expect(markdown).not.toContain('### Disputed claims');
    expect(markdown).not.toContain('Based on');
  });

  it('keeps model output and post data plain text: no links, images, headings or HTML of their own', () => {
    const digest = sampleDigest({
      about: '# Heading\n- [click](javascript:alert(1)) ![x](https://evil.example/p.png) <img src=x>',
      positions: [{ point: '1. *bold* `code` _it_', support: 'most', posts: ['x:1'] }],
      disputed: [],
      sourced: [],
      questions: [],
    });
    const cited = {
      'x:1': { author: '@al](https://evil.example)[ice', url: 'https://x.com/a_(b)/status/1 x' },
    };
    const lines = digestAsMarkdown(sampleThreadView({ digest, cited, meta: null }), t).split('\n');
    expect(lines[2]).toBe(
      '\\# Heading - \\[click\\]\\(javascript\\:alert\\(1\\)\\) \\!\\[x\\]\\(https\\://evil\\.example/p\\.png\\) \\<img src=x\\>',
    );
    expect(lines[6]).toBe(
      '- 1\\. \\*bold\\* \\`code\\` \\_it\\_ _(held by most)_ — [\\@al\\]\\(https\\://evil\\.example\\)\\[ice](https://x.com/a_%28b%29/status/1%20x)',
    );
  });

  it('links only to http(s) comments', () => {
    const cited = { 'x:1': { author: '@alice', url: 'javascript:alert(1)' } };
    const digest = sampleDigest({ positions: [{ point: 'P', support: 'few', posts: ['x:1'] }] });
    const markdown = digestAsMarkdown(sampleThreadView({ digest, cited }), t);
    expect(markdown).toContain('- P _(held by a few)_\n');
    expect(markdown).not.toContain('javascript');
  });
});
