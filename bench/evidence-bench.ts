/**
 * Evidence (issue #5): for a set of fixture posts, how long gathering takes against a local
 * server (linked pages of realistic sizes and speeds, Wikipedia and Fact Check Tools answering
 * with recorded responses), and what share of a note's citations resolve to a page Footnote
 * fetched — with a model that also cites unknown IDs and writes URLs of its own.
 * Run: npm run bench:evidence
 */
import type { ServerResponse } from 'node:http';
import type { Note } from '../utils/core/note-schema';
import { fixture } from '../test-support/api-test-routes';
import { createFactCheckSource } from '../utils/evidence/fact-check-tools';
import { gatherEvidence } from '../utils/evidence/gather-evidence';
import { httpUrl } from '../utils/core/http-url';
import { createLinkEvidenceSource } from '../utils/evidence/link-evidence';
import { startTestServer, type TestRouteHandler } from '../test-support/test-http-server';
import { createWikipediaSource } from '../utils/evidence/wikipedia';
import { enforceNoteRules } from '../utils/notes/note-rules';

const POSTS = 30;
const DEADLINE_MS = 2_500;

/** An article of about `kilobytes`, answered after `delayMs` (news sites: 100 ms – 2 s). */
function article(index: number, kilobytes: number, delayMs: number): TestRouteHandler {
  const paragraph = `<p>Paragraph about the report number ${index}: hospital admissions, rainfall and budgets, with figures and context. </p>`;
  const body = paragraph.repeat(Math.max(1, Math.round((kilobytes * 1024) / paragraph.length)));
  const html = `<!doctype html><html><head><title>Report ${index}</title><meta property="og:site_name" content="Site ${index}">
    <script>${'var x = 1;'.repeat(2_000)}</script></head><body><nav>menu</nav><article><h1>Report ${index}</h1>${body}</article></body></html>`;
  return (_req, res: ServerResponse) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html), delayMs);
  };
}

const json =
  (body: string): TestRouteHandler =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);

const SIZES_KB = [8, 30, 60, 120, 250, 500];
const DELAYS_MS = [40, 120, 300, 700, 1_200, 3_000];
const routes: Record<string, TestRouteHandler> = {
  '/w/api.php': json(fixture('wikipedia-pt-search.json')),
  '/v1alpha1/claims:search': json(fixture('fact-check-claims.json')),
  '/moved': (_req, res) => res.writeHead(302, { location: '/a/0' }).end(),
};
for (let i = 0; i < 12; i++)
  routes[`/a/${i}`] = article(i, SIZES_KB[i % SIZES_KB.length]!, DELAYS_MS[i % DELAYS_MS.length]!);
const server = await startTestServer(routes);

const sources = [
  createLinkEvidenceSource({ canFetch: async () => true, isBlockedHost: () => false }),
  createFactCheckSource({ apiKey: async () => 'bench-key', baseUrl: `${server.url}/v1alpha1` }),
  createWikipediaSource({ userAgent: 'Footnote-bench', baseUrlFor: () => server.url }),
];

const onTimeMs: number[] = [];
const allMs: number[] = [];
let cited = 0;
let resolved = 0;
let dropped = 0;
let lateItems = 0;
for (let i = 0; i < POSTS; i++) {
  const links = [
    `${server.url}/a/${i % 12}`,
    `${server.url}/a/${(i * 5 + 3) % 12}`,
    `${server.url}/moved`,
  ].slice(0, 1 + (i % 3));
  const query = {
    text: `Post ${i}: Vacinas causam autismo, diz estudo do Ministério da Saúde em 2024.`,
    links,
    postLanguage: 'pt',
    answerLanguage: 'pt-BR',
  };
  const started = performance.now();
  const { onTime, late } = await gatherEvidence(sources, query, {
    deadlineMs: DEADLINE_MS,
    signal: new AbortController().signal,
  });
  onTimeMs.push(performance.now() - started);
  lateItems += (await late).items.length;
  allMs.push(performance.now() - started);

  // A model that cites every given ID, plus an unknown one, a URL and a javascript: link.
  const given = onTime.items.map((item) => item.id);
  const note: Note = {
    summary: 's',
    classification: 'misleading',
    note: '',
    claims: [
      {
        claim: 'c',
        quote: 'q',
        verdict: 'refuted',
        confidence: 0.9,
        basis: 'evidence',
        explanation: 'e',
        citations: [...given, 'E99', 'https://invented.example/x', 'javascript:alert(1)'],
      },
    ],
    detail: '',
    injection_detected: false,
  };
  const texts = new Map(onTime.items.map((item) => [item.id, item.excerpt]));
  const kept = enforceNoteRules(note, texts).note.claims.flatMap((claim) => claim.citations);
  dropped += 3 + given.length - kept.length;
  cited += kept.length;
  resolved += kept.filter((id) => {
    const item = onTime.items.find((candidate) => candidate.id === id);
    return item !== undefined && httpUrl(item.url) === item.url;
  }).length;
}
await server.close();

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (value: number) => `${Math.round(value)} ms`;
console.log(
  `Evidence gathering, ${POSTS} posts (1-3 links each + Fact Check Tools + Wikipedia), deadline ${DEADLINE_MS} ms:`,
);
console.log(
  `  before the model call: median ${ms(quantile(onTimeMs, 0.5))}, p95 ${ms(quantile(onTimeMs, 0.95))}`,
);
console.log(
  `  everything incl. late items: median ${ms(quantile(allMs, 0.5))}, p95 ${ms(quantile(allMs, 0.95))}; late items: ${lateItems}`,
);
console.log(
  `Citations kept: ${cited}, resolving to an http(s) item Footnote gathered: ${resolved} (${((100 * resolved) / cited).toFixed(1)}%); invented or unknown dropped: ${dropped}`,
);
