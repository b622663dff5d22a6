import { afterAll, beforeAll, beforeEach } from 'vitest';
import { DEFAULT_API_KEY, DEFAULT_MODEL, ModelServer } from '../e2e/model-server';
import type { ChatEndpoint } from '../utils/ai/openai-chat';

/**
 * The local OpenAI-compatible server for a test file that talks real HTTP (the real openai SDK):
 * started before the file's tests, reset before each, stopped after. `endpoint()` is the
 * endpoint pointing at it, once started.
 */
export function useLocalModelServer(): { server: ModelServer; endpoint(): ChatEndpoint } {
  const server = new ModelServer();
  let endpoint: ChatEndpoint | null = null;
  beforeAll(async () => {
    const { baseUrl } = await server.start();
    endpoint = { baseUrl, apiKey: DEFAULT_API_KEY, model: DEFAULT_MODEL, timeoutMs: 2_000 };
  });
  afterAll(() => server.stop());
  beforeEach(() => server.reset());
  return {
    server,
    endpoint() {
      if (!endpoint) throw new Error('the local model server has not started yet');
      return endpoint;
    },
  };
}
