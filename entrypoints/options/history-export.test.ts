import { describe, expect, it } from 'vitest';
import {
  buildExport,
  exportFileName,
  historyToJson,
  historyToMarkdown,
  newestFirst,
  type HistoryEntry,
  type MarkdownLabels,
} from './history-export';
import { noteHistorySchema } from '@/utils/messaging/extension-page-protocol';

function entry(
  createdAt: number,
  overrides: Partial<HistoryEntry['note']> = {},
  post: Partial<HistoryEntry['post']> = {},
): HistoryEntry {
  return {
    post: {
      key: `x:${createdAt}`,
      url: `https://x.com/ana/status/${createdAt}`,
      authorName: 'Ana Souza',
      handle: 'ana',
      text: 'The new bridge opens on Monday.',
      ...post,
    },
    note: {
      summary: 'The post says the bridge opens Monday.',
      classification: 'needs_context',
      note: 'Only one lane opens on Monday.',
      claims: [
        {
          claim: 'The bridge opens on Monday.',
          quote: 'The new bridge opens on Monday.',
          verdict: 'misleading',
          confidence: 0.8,
          basis: 'evidence',
          explanation: 'One lane opens Monday; the rest in March.',
          citations: ['E1'],
        },
      ],
      detail: '',
      injection_detected: false,
      ...overrides,
    },
    meta: {
      provider: 'test',
      model: 'gpt-test',
      promptVersion: 'p2',
      evidence: [],
      usage: { promptTokens: 10, completionTokens: 5, estimated: false },
      mode: 'json_schema',
      repaired: false,
      createdAt,
      fromCache: false,
    },
  };
}

const labels: MarkdownLabels = {
  title: 'Footnote notes',
  exportedAt: 'Exported',
  post: 'Post',
  author: 'Author',
  date: 'Date',
  classification: 'Classification',
  summary: 'Summary',
  note: 'Readers added context',
  claims: 'Claims',
  verdict: 'Verdict',
  confidence: 'Confidence',
  quote: 'Quote',
  explanation: 'Explanation',
  model: 'Model',
  classificationName: (c) => `C:${c}`,
  verdictName: (v) => `V:${v}`,
  formatDate: (t) => new Date(t).toISOString(),
};

const NOW = Date.UTC(2026, 10, 12, 12);

describe('newestFirst', () => {
  it('orders the notes most recent first', () => {
    expect(newestFirst([entry(1), entry(3), entry(2)]).map((n) => n.meta.createdAt)).toEqual([3, 2, 1]);
  });
});

describe('exports', () => {
  it('names files by local date and format', () => {
    expect(exportFileName('json', NOW)).toMatch(/^footnote-notes-\d{4}-\d{2}-\d{2}\.json$/);
    expect(exportFileName('markdown', NOW)).toMatch(/\.md$/);
  });

  it('JSON keeps every note with its post and metadata', () => {
    const notes = [entry(2), entry(1)];
    const parsed = JSON.parse(historyToJson(notes, NOW));
    expect(parsed).toEqual({ exportedAt: new Date(NOW).toISOString(), notes });
  });

  it("JSON keeps a revised note's first version and the source the reader suggested", () => {
    const revised = entry(3, { summary: 'Rewritten with the city report.' });
    revised.meta.revision = {
      sourceUrl: 'https://city.example.org/bridge-report',
      previous: { note: entry(1).note, evidence: [], createdAt: 1 },
    };
    // As the options page gets the history: through its schema, which must not drop the revision.
    const received = noteHistorySchema.parse({ notes: [revised] }).notes;
    const [exported] = JSON.parse(historyToJson(received, NOW)).notes as HistoryEntry[];
    expect(exported?.meta.revision).toEqual(revised.meta.revision);
    expect(exported?.note.summary).toBe('Rewritten with the city report.');
  });

  it('Markdown: one section per note with URL, author, classification, summary, note, claims', () => {
    const md = historyToMarkdown([entry(2), entry(1)], labels, NOW);
    expect(md.match(/^## /gm)).toHaveLength(2);
    expect(md).toContain('## 1. Ana Souza (\\@ana)');
    expect(md).toContain('- Post: <https://x.com/ana/status/2>');
    expect(md).toContain('- Classification: C\\:needs\\_context');
    expect(md).toContain('**Summary:** The post says the bridge opens Monday.');
    expect(md).toContain('**Readers added context:** Only one lane opens on Monday.');
    expect(md).toContain('1. The bridge opens on Monday.');
    expect(md).toContain('   - Verdict: V\\:misleading; Confidence: 80%');
    expect(md).toContain('   - Explanation: One lane opens Monday; the rest in March.');
  });

  it('Markdown: model text cannot carry a link; only the post URL is one', () => {
    const evil = entry(
      5,
      {
        summary: 'See [this](https://evil.test) ![x](https://evil.test/i.png)',
        note: '<a href="https://evil.test">more</a> www.evil.test',
        claims: [
          {
            claim: '<https://evil.test>',
            quote: 'mail me at a@evil.test',
            verdict: 'refuted',
            confidence: 1,
            basis: 'evidence',
            explanation: '[ref]: https://evil.test',
            citations: [],
          },
        ],
      },
      { authorName: '[Ana](https://evil.test)', handle: 'x', text: 'evil.test <b>bold</b>' },
    );
    const md = historyToMarkdown([evil], labels, NOW);
    const links = [...md.matchAll(/(^|[^\\])<(https?:\/\/[^>]+)>/g)].map((m) => m[2]);
    expect(links).toEqual(['https://x.com/ana/status/5']);
    expect(md).not.toMatch(/(^|[^\\])\[/m);
    expect(md).not.toMatch(/https?:\/\/evil/);
    expect(md).not.toMatch(/www\.evil|evil\.test/);
  });

  it('Markdown: a post URL that is not http(s) is text, not a link', () => {
    const md = historyToMarkdown([entry(1, {}, { url: 'javascript:alert(1)' })], labels, NOW);
    expect(md).toContain('- Post: javascript\\:alert\\(1\\)');
    expect(md).not.toContain('<javascript');
  });

  it('buildExport picks the file name and type', () => {
    expect(buildExport('json', [], labels, NOW)).toMatchObject({ mimeType: 'application/json' });
    expect(buildExport('markdown', [], labels, NOW)).toMatchObject({
      mimeType: 'text/markdown;charset=utf-8',
    });
  });
});
