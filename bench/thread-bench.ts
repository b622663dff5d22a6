/**
 * What "Summarize this discussion" costs (issue #18): synthetic threads of 100, 1,000 and 5,000
 * comments (reply structure, comment lengths from a line to the 2,000-character cap) summarized
 * by the real digest engine — chunking, prompts, the openai SDK over real HTTP, streaming parse,
 * merges, the cache — against the local model server, which streams like the real API and
 * answers every part and merge citing the comments it was given. Reports per thread: model
 * requests, parts, prompt and completion tokens, the time to the first streamed point (the first
 * partial digest with a point in it) and the total time; then the same thread again, from the
 * cache. Run: npm run bench:thread
 *
 * Environment: THREAD_BENCH_DELAY_MS = pause between streamed chunks of 12 characters (default
 * 30: about 100 tokens a second, a hosted small model's pace); each thread also runs unpaced
 * (0), which leaves Footnote's own work and the HTTP round trips.
 */
import {
  DEFAULT_API_KEY,
  DEFAULT_MODEL,
  ModelServer,
  type Behaviour,
  type RecordedRequest,
} from '../e2e/model-server';
import { memoryOutputModes } from '../test-support/memory-output-modes';
import { streamChatJson } from '../utils/ai/openai-chat';
import { THREAD_MERGE_SYSTEM_PROMPT } from '../utils/ai/thread-prompt';
import { THREAD_TEXT_MAX, type Digest, type DigestMeta, type ThreadPost } from '../utils/core/thread';
import { NoteCache } from '../utils/notes/note-cache';
import { createNoteEngine } from '../utils/notes/note-engine';
import { NO_EVIDENCE } from '../utils/notes/note-evidence';
import { createThreadCache } from '../utils/notes/thread-cache';
import { HOSTED_PART_TOKENS, partTokenBudget } from '../utils/notes/thread-chunks';
import { mulberry32 } from '../scripts/seeded-random';

const PACED_DELAY_MS = Number(process.env.THREAD_BENCH_DELAY_MS ?? 30);
/**
 * Hosted: the part size of a cloud model, though the server here is local. Local: the size a
 * model server on this machine gets (Ollama, LM Studio: a 4,096-token context by default).
 */
const RUNS: Array<{ comments: number; delays: number[]; parts: 'hosted' | 'local' }> = [
  { comments: 100, delays: [0, PACED_DELAY_MS], parts: 'hosted' },
  { comments: 1_000, delays: [0, PACED_DELAY_MS], parts: 'hosted' },
  { comments: 5_000, delays: [0], parts: 'hosted' },
  { comments: 100, delays: [0], parts: 'local' },
  { comments: 1_000, delays: [0], parts: 'local' },
];

const WORDS = (
  'the city bridge council budget bus lane traffic cost study data source link report year people ' +
  'think agree disagree evidence claim numbers million billion tax commute safety cyclists drivers ' +
  'maintenance transit plan vote because however actually really would should could never always'
).split(' ');

/**
 * A thread as a page collects it: the head, then comments in page order, about a third top-level
 * and the rest replies to a recent comment; lengths log-normal around 200 characters (a line to
 * a few paragraphs), a few at the collector's cap.
 */
function syntheticThread(count: number, seed: number): ThreadPost[] {
  const random = mulberry32(seed);
  const words = (chars: number) => {
    let text = '';
    while (text.length < chars) text += WORDS[Math.floor(random() * WORDS.length)]! + ' ';
    return text.trim();
  };
  return Array.from({ length: count }, (_, i) => {
    const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const length = Math.min(THREAD_TEXT_MAX, Math.max(20, Math.round(200 * Math.exp(0.9 * gaussian))));
    const parent = i === 0 ? null : random() < 0.35 ? 0 : Math.max(0, i - 1 - Math.floor(random() * 8));
    const text = random() < 0.1 ? `${words(length - 40)} https://example.org/report/${i}` : words(length);
    return {
      key: `reddit:t1_${seed}_${i}`,
      parentKey: parent === null ? null : `reddit:t1_${seed}_${parent}`,
      url: `https://www.reddit.com/r/city/comments/abc/bridge/t1_${i}/`,
      author: { name: `u/reader${i % 300}`, handle: `reader${i % 300}` },
      time: new Date(Date.UTC(2026, 10, 27, 8, 0, i)).toISOString(),
      text: text.slice(0, THREAD_TEXT_MAX),
    };
  });
}

const userOf = (request: RecordedRequest) =>
  (request.body as { messages: Array<{ role: string; content: string }> }).messages.find(
    (m) => m.role === 'user',
  )!.content;

/** A model that summarizes what it is given, citing it: a part its comments, a merge its digests' refs. */
function scriptedAnswer(delayMs: number) {
  return (request: RecordedRequest): Behaviour => {
    const system = (request.body as { messages: Array<{ content: string }> }).messages[0]!.content;
    const user = userOf(request);
    const refs =
      system === THREAD_MERGE_SYSTEM_PROMPT
        ? [...new Set(user.match(/\bC\d+\b/g) ?? [])]
        : [...user.matchAll(/⟦(C\d+)[^⟧]*⟧/g)].map((m) => m[1]!);
    const pick = (n: number, from: number) => refs.slice(from, from + n);
    const point = (what: string) =>
      `${what}: commenters weigh the bridge's cost against faster commutes and safer crossings for cyclists.`;
    return {
      kind: 'note',
      chunkDelayMs: delayMs,
      note: {
        about: 'Whether the city should fund the new bridge, and what it would cost compared with buses.',
        positions: ['Build it', 'Buses first', 'Wait for the study', 'Toll it'].map((what, i) => ({
          point: point(what),
          support: (['most', 'many', 'some', 'few'] as const)[i],
          refs: pick(4, i * 4),
        })),
        disputed: [{ claim: 'The bridge costs 2 billion.', sides: point('Two sides'), refs: pick(3, 2) }],
        sourced: [{ point: point('The council report'), refs: pick(2, 5) }],
        questions: [{ question: 'Who pays for its upkeep after ten years?', refs: pick(2, 7) }],
      },
    };
  };
}

const points = (digest: Digest) =>
  digest.positions.length + digest.disputed.length + digest.sourced.length + digest.questions.length;

const server = new ModelServer();
const { baseUrl } = await server.start();
let partTokens = HOSTED_PART_TOKENS;
try {
  const engine = createNoteEngine({
    loadEndpoint: async () => ({
      endpoint: { baseUrl, apiKey: DEFAULT_API_KEY, model: DEFAULT_MODEL, timeoutMs: 30_000 },
      providerLabel: 'Local',
    }),
    answerLanguage: async () => 'en',
    evidencePlan: async () => NO_EVIDENCE,
    cache: new NoteCache(100, 1e6),
    threadCache: createThreadCache(),
    outputModes: memoryOutputModes(),
    usage: { exceeded: async () => null, record: async () => undefined },
    stream: streamChatJson,
    now: Date.now,
    concurrency: 3,
    threadPartTokens: () => partTokens,
  });

  /** One digest of the thread: what it took, and when its first point showed. */
  async function summarize(posts: ThreadPost[], url: string) {
    const started = performance.now();
    const heard: { firstPoint: number | null; done: { meta: DigestMeta; digest: Digest } | null } = {
      firstPoint: null,
      done: null,
    };
    await engine.requestDigest(
      {
        url,
        title: 'The city wants to build a new bridge',
        posts,
        leftOut: 0,
        update: false,
        refresh: false,
      },
      {
        progress: () => undefined,
        partial: (digest) => {
          if (heard.firstPoint === null && points(digest) > 0) heard.firstPoint = performance.now() - started;
        },
        done: (digest, meta) => (heard.done = { digest, meta }),
        error: (error) => {
          throw new Error(`bench: the digest failed: ${error.message}`);
        },
      },
      new AbortController().signal,
    );
    if (!heard.done) throw new Error('bench: no digest');
    return { ...heard.done, firstPoint: heard.firstPoint, total: performance.now() - started };
  }

  // A first digest loads and compiles the code paths: none of the measured runs pays for that.
  server.setDefault(scriptedAnswer(0));
  await summarize(syntheticThread(20, 1), 'https://www.reddit.com/r/city/comments/warm-up/');

  console.log(
    `thread digests against the local model server (streamed 12 characters per chunk; paced = ${PACED_DELAY_MS} ms between chunks):`,
  );
  for (const { comments, delays, parts } of RUNS) {
    partTokens = parts === 'hosted' ? HOSTED_PART_TOKENS : partTokenBudget({ baseUrl });
    const posts = syntheticThread(comments, comments);
    const chars = posts.reduce((sum, post) => sum + post.text.length, 0);
    for (const delay of delays) {
      server.reset();
      server.setDefault(scriptedAnswer(delay));
      const url = `https://www.reddit.com/r/city/comments/${comments}-${delay}-${parts}/`;
      const { meta, digest, firstPoint, total } = await summarize(posts, url);
      const requests = server.completionRequests().length;
      const cached = await summarize(posts, url);
      const { promptTokens, completionTokens } = meta.usage;
      console.log(
        [
          `  ${comments} comments (${Math.round(chars / comments)} characters on average), ${parts} parts of ${partTokens} tokens, ${delay ? 'paced' : 'unpaced'}:`,
          `requests ${requests} (meta: ${meta.requests}), parts ${meta.chunks}, skipped ${meta.skippedChunks.length};`,
          `tokens prompt ${promptTokens} (${Math.round(promptTokens / comments)} per comment), completion ${completionTokens};`,
          `first point ${firstPoint === null ? 'never' : `${firstPoint.toFixed(0)} ms`}, total ${total.toFixed(0)} ms;`,
          `digest: ${points(digest)} points citing ${new Set(Object.values(digest).flatMap((s) => (Array.isArray(s) ? s.flatMap((p) => p.posts) : []))).size} comments;`,
          `again from the cache ${cached.total.toFixed(1)} ms, ${server.completionRequests().length - requests} requests`,
        ].join(' '),
      );
    }
  }
} finally {
  await server.stop();
}
