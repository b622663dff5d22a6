import { browser, type Browser } from 'wxt/browser';
import type { DigestRequest, ThreadSink } from '../notes/note-engine';
import { holdWorkerAlive } from './keep-alive';
import { isOwnContentScript } from './sender';
import { THREAD_PORT_NAME, threadPortInSchema, type ThreadPortOut } from './thread-protocol';

/** What the thread port needs of the note engine. */
export interface ThreadDigester {
  requestDigest(request: DigestRequest, sink: ThreadSink, signal: AbortSignal): Promise<void>;
}

/**
 * Serves "Summarize this discussion" over its own runtime port (utils/messaging/thread-protocol.ts),
 * to our content scripts only. One digest per threadId at a time (a new request for it replaces
 * the running one); thread:cancel or a closed port aborts it, so no model call starts after. The
 * worker is kept alive while a digest runs: a long thread takes many calls.
 */
export function serveThreadPorts(engine: ThreadDigester): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== THREAD_PORT_NAME) return;
    if (!isOwnContentScript(port.sender)) {
      port.disconnect();
      return;
    }
    servePort(port, engine);
  });
}

function servePort(port: Browser.runtime.Port, engine: ThreadDigester): void {
  const running = new Map<string, AbortController>();

  const send = (message: ThreadPortOut) => {
    try {
      port.postMessage(message);
    } catch {
      // The page went away mid-run: nobody is left to show the digest to.
      running.get(message.threadId)?.abort();
    }
  };
  /** A run replaced by a newer request for its thread says nothing more: the thread is the newer one's. */
  const sinkFor = (threadId: string, controller: AbortController): ThreadSink => {
    const out = (message: ThreadPortOut) => {
      if (running.get(threadId) === controller) send(message);
    };
    return {
      progress: (progress) => out({ type: 'thread:progress', threadId, progress }),
      partial: (digest) => out({ type: 'thread:partial', threadId, digest }),
      done: (digest, meta, newPosts) => out({ type: 'thread:done', threadId, digest, meta, newPosts }),
      error: (error, digest) => out({ type: 'thread:error', threadId, error, digest }),
    };
  };

  port.onMessage.addListener((raw: unknown) => {
    const parsed = threadPortInSchema.safeParse(raw);
    if (!parsed.success) return; // Not our protocol: ignore rather than crash on a hostile frame.
    const message = parsed.data;
    // A cancelled run still reports how far it got (thread:error "cancelled", with its digest).
    running.get(message.threadId)?.abort();
    if (message.type === 'thread:cancel') return;

    const { type: _type, threadId, ...request } = message;
    const controller = new AbortController();
    running.set(threadId, controller);
    const release = holdWorkerAlive();
    void engine.requestDigest(request, sinkFor(threadId, controller), controller.signal).finally(() => {
      release();
      if (running.get(threadId) === controller) running.delete(threadId);
    });
  });

  port.onDisconnect.addListener(() => {
    for (const controller of running.values()) controller.abort();
    running.clear();
  });
}
