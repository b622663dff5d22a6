import type { Digest, DigestMeta, ThreadView } from '@/utils/core/thread';

/** A thread digest and its view for tests: override the fields a test is about. */

export function sampleDigest(overrides: Partial<Digest> = {}): Digest {
  return {
    about: 'Whether the city should build the new bridge.',
    positions: [
      { point: 'The bridge is worth its cost.', support: 'most', posts: ['x:1', 'x:2'] },
      { point: 'The money should go to buses.', support: 'few', posts: ['x:3'] },
    ],
    disputed: [
      { claim: 'The bridge costs $2bn.', sides: '@alice says yes, @carol says no.', posts: ['x:1', 'x:3'] },
    ],
    sourced: [{ point: 'The council report puts it at $1.8bn.', posts: ['x:2'] }],
    questions: [{ question: 'Who pays for upkeep?', posts: [] }],
    ...overrides,
  };
}

export function sampleDigestMeta(overrides: Partial<DigestMeta> = {}): DigestMeta {
  return {
    provider: 'openai',
    model: 'gpt-test',
    promptVersion: 'thread-1',
    posts: 3,
    leftOut: 0,
    chunks: 1,
    skippedChunks: [],
    requests: 1,
    usage: { promptTokens: 900, completionTokens: 200, estimated: false },
    createdAt: 1_700_000_000_000,
    fromCache: false,
    ...overrides,
  };
}

export function sampleThreadView(overrides: Partial<ThreadView> = {}): ThreadView {
  return {
    status: 'done',
    progress: null,
    digest: sampleDigest(),
    meta: sampleDigestMeta(),
    error: null,
    newPosts: 0,
    cited: {
      'x:1': { author: '@alice', url: 'https://x.com/alice/status/1' },
      'x:2': { author: '@bob', url: 'https://x.com/bob/status/2' },
      'x:3': { author: '@carol', url: 'https://x.com/carol/status/3' },
    },
    ...overrides,
  };
}
