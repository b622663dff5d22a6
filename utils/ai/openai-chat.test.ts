import { describe, expect, it } from 'vitest';
import { useLocalModelServer } from '../../test-support/local-model-server';
import { noteReader } from './note-reader';
import { streamChatJson } from './openai-chat';
import type { ChatImage, ChatMessage } from './prompt';

// What goes over the wire, through the real openai SDK to the local model server.

const { server, endpoint } = useLocalModelServer();

const picture = (n: number): ChatImage => ({
  dataUrl: `data:image/jpeg;base64,/9j/${n}`,
  label: `image ${n} of the post`,
});

async function send(messages: ChatMessage[]) {
  await streamChatJson(endpoint(), messages, noteReader.format, 'json_schema', {
    signal: new AbortController().signal,
    onContent: () => {},
  });
  const [request] = server.completionRequests();
  return request!;
}

describe('the messages a completion request carries', () => {
  it('are plain strings without pictures, byte for byte as before pictures existed', async () => {
    const request = await send([
      { role: 'system', content: 'rules' },
      { role: 'user', content: 'the post', images: [] },
    ]);
    expect(request.rawBody).toContain(
      '"messages":[{"role":"system","content":"rules"},{"role":"user","content":"the post"}]',
    );
  });

  it("put a user message's pictures after its text, in order, each at low detail", async () => {
    const request = await send([
      { role: 'system', content: 'rules' },
      { role: 'user', content: 'the post', images: [picture(1), picture(2)] },
    ]);
    expect((request.body as { messages: unknown }).messages).toEqual([
      { role: 'system', content: 'rules' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'the post' },
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/1', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/2', detail: 'low' } },
        ],
      },
    ]);
    // The labels are the prompt's words (image-prompt.ts), never a field of the request.
    expect(request.rawBody).not.toContain('image 1 of the post');
  });
});
