import { browser, type Browser } from 'wxt/browser';
import type { NoteSink } from '../notes/note-engine';
import type { createNoteEngine } from '../notes/note-engine';
import { NOTE_PORT_NAME, notePortInSchema, type NotePortOut } from './protocol';
import { holdWorkerAlive } from './keep-alive';
import { isOwnContentScript } from './sender';

type NoteEngine = ReturnType<typeof createNoteEngine>;

/**
 * Serves note requests over runtime ports: one port per content-script frame, any number of
 * requests on it, each streamed back as partials then done/error. A port that closes (tab
 * gone, navigation) cancels its requests.
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
  const inFlight = new Map<string, AbortController>();

  const send = (message: NotePortOut) => {
    try {
      port.postMessage(message);
    } catch {
      // The content script went away mid-stream: nobody is left to show the note to.
      inFlight.get(message.requestId)?.abort();
    }
  };

  port.onMessage.addListener((raw: unknown) => {
    const parsed = notePortInSchema.safeParse(raw);
    if (!parsed.success) return; // Not our protocol: ignore rather than crash on a hostile frame.
    const message = parsed.data;
    if (message.type === 'note:cancel') {
      inFlight.get(message.requestId)?.abort();
      return;
    }
    const { requestId } = message;
    inFlight.get(requestId)?.abort();
    const controller = new AbortController();
    inFlight.set(requestId, controller);
    const sink: NoteSink = {
      partial: (note) => send({ type: 'note:partial', requestId, note }),
      done: (note, meta) => send({ type: 'note:done', requestId, note, meta }),
      error: (error) => send({ type: 'note:error', requestId, error }),
    };
    const release = holdWorkerAlive();
    void engine.requestNote({ post: message.post, refresh: message.refresh }, sink, controller.signal).finally(() => {
      release();
      if (inFlight.get(requestId) === controller) inFlight.delete(requestId);
    });
  });

  port.onDisconnect.addListener(() => {
    for (const controller of inFlight.values()) controller.abort();
    inFlight.clear();
  });
}
