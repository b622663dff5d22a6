import { browser, type Browser } from 'wxt/browser';
import type { NoteSink, TriageSink } from '../notes/note-engine';
import type { createNoteEngine } from '../notes/note-engine';
import { notePortInSchema } from './note-port-requests';
import { NOTE_PORT_NAME, type NoteItemOut, type NotePortOut } from './protocol';
import { holdWorkerAlive } from './keep-alive';
import { isOwnContentScript } from './sender';

type NoteEngine = ReturnType<typeof createNoteEngine>;

/**
 * Serves note requests over runtime ports: one port per content-script frame, any number of
 * requests on it, each streamed back as partials then done/error. A port that closes (tab
 * gone, navigation) cancels its requests. A peek is answered from the cache alone (done or
 * miss): it is over in a moment and costs nothing, so it is not tracked. A triage batch answers
 * each item with triage:done or triage:skipped, or the batch with one triage:paused after which
 * none of its items hears more; note:cancel with its batchId cancels it, like a batch of notes.
 */
export function serveNotePorts(engine: NoteEngine): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== NOTE_PORT_NAME) return;
    if (!isOwnContentScript(port.sender)) {
      port.disconnect();
      return;
    }
    servePort(port, engine);
  });
}

function servePort(port: Browser.runtime.Port, engine: NoteEngine): void {
  /** Requests (and batches) in flight, by their id: a cancel or a closed port aborts them. */
  const inFlight = new Map<string, AbortController>();

  const send = (message: NotePortOut, id: string) => {
    try {
      port.postMessage(message);
    } catch {
      // The content script went away mid-stream: nobody is left to show the note to.
      inFlight.get(id)?.abort();
    }
  };
  const sinkFor = (requestId: string, sendAs: string): NoteSink => {
    const out = (message: NoteItemOut) => send(message, sendAs);
    return {
      partial: (note) => out({ type: 'note:partial', requestId, note }),
      progress: (progress) => out({ type: 'note:progress', requestId, progress }),
      done: (note, meta) => out({ type: 'note:done', requestId, note, meta }),
      error: (error) => out({ type: 'note:error', requestId, error }),
    };
  };
  const triageSinkFor = (requestId: string, batchId: string): TriageSink => ({
    done: (triage) => send({ type: 'triage:done', requestId, triage }, batchId),
    skipped: () => send({ type: 'triage:skipped', requestId }, batchId),
  });
  const track = (id: string, work: (signal: AbortSignal) => Promise<void>) => {
    inFlight.get(id)?.abort();
    const controller = new AbortController();
    inFlight.set(id, controller);
    const release = holdWorkerAlive();
    void work(controller.signal).finally(() => {
      release();
      if (inFlight.get(id) === controller) inFlight.delete(id);
    });
  };

  port.onMessage.addListener((raw: unknown) => {
    const parsed = notePortInSchema.safeParse(raw);
    if (!parsed.success) return; // Not our protocol: ignore rather than crash on a hostile frame.
    const message = parsed.data;
    switch (message.type) {
      case 'note:cancel':
        inFlight.get(message.requestId)?.abort();
        return;
      case 'note:peek': {
        const { requestId } = message;
        void engine
          .peekNote(message.post)
          .then((found) =>
            send(
              found ? { type: 'note:done', requestId, ...found } : { type: 'note:miss', requestId },
              requestId,
            ),
          );
        return;
      }
      case 'note:request': {
        const { requestId, post, refresh, suggestedSource, video } = message;
        track(requestId, (signal) =>
          engine.requestNote(
            { post, refresh, suggestedSource, video },
            sinkFor(requestId, requestId),
            signal,
          ),
        );
        return;
      }
      case 'batch:request': {
        const { batchId, items } = message;
        track(batchId, (signal) =>
          engine.requestBatch(
            items.map(({ requestId, post }) => ({ post, sink: sinkFor(requestId, batchId) })),
            (digest, final) => send({ type: 'batch:digest', batchId, digest, final }, batchId),
            signal,
          ),
        );
        return;
      }
      case 'triage:request': {
        const { batchId, items } = message;
        track(batchId, (signal) =>
          engine.requestTriage(
            items.map(({ requestId, post }) => ({ post, sink: triageSinkFor(requestId, batchId) })),
            (error) => send({ type: 'triage:paused', batchId, error }, batchId),
            signal,
          ),
        );
        return;
      }
    }
  });

  port.onDisconnect.addListener(() => {
    for (const controller of inFlight.values()) controller.abort();
    inFlight.clear();
  });
}
