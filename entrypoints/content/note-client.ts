import { browser, type Browser } from 'wxt/browser';
import {
  NOTE_PORT_NAME,
  notePortOutSchema,
  type NotePortIn,
  type NotePortOut,
} from '@/utils/messaging/protocol';
import { noteError } from '@/utils/core/note-error';
import { hasSomethingToCheck } from '@/utils/core/checkable';
import { postKey, type Post } from '@/utils/core/post';
import { withLanguage } from './post-language';
import { clearNoteState, setDigest, setNoteState } from './note-store';

/**
 * Requests notes from the background over one runtime port, opened on first use, and writes
 * what streams back into the note store. If the port drops (the service worker was stopped),
 * requests in flight fail visibly with a retry instead of spinning forever.
 */
export class NoteClient {
  private port: Browser.runtime.Port | null = null;
  /** requestId → post key, for requests still in flight. */
  private readonly inFlight = new Map<string, string>();
  private counter = 0;
  /** The latest batch: only its digest is shown. */
  private batchId: string | null = null;

  /**
   * Asks for the post's note. A post with nothing to check gets that answer at once, with no
   * model call; the others go out once their language is known.
   */
  request(post: Post, refresh = false): void {
    if (!this.worthAsking(post)) return;
    const requestId = this.track(post);
    void withLanguage(post).then((sent) => {
      if (this.inFlight.has(requestId)) this.send({ type: 'note:request', requestId, post: sent, refresh });
    });
  }

  /**
   * One model call for several posts ("summarize visible"); each post's note arrives on its own.
   * Answers whether any post was worth sending.
   */
  requestBatch(posts: Post[]): boolean {
    const asked = posts.filter((post) => this.worthAsking(post));
    if (asked.length === 0) return false;
    const batchId = this.nextId();
    this.batchId = batchId;
    setDigest(null);
    const items = asked.map((post) => ({ requestId: this.track(post), post }));
    void Promise.all(items.map(async (item) => ({ ...item, post: await withLanguage(item.post) }))).then(
      (sent) => {
        const live = sent.filter((item) => this.inFlight.has(item.requestId));
        if (live.length > 0) this.send({ type: 'batch:request', batchId, items: live });
      },
    );
    return true;
  }

  /** False (and the post marked so) when it has nothing a model could check. */
  private worthAsking(post: Post): boolean {
    if (hasSomethingToCheck(post)) return true;
    const key = postKey(post);
    this.cancelRequests(key);
    setNoteState(key, { status: 'nothing' });
    return false;
  }

  /** A fresh request id for the post, replacing any request it had in flight. */
  private track(post: Post): string {
    const key = postKey(post);
    this.cancelRequests(key);
    const requestId = this.nextId();
    this.inFlight.set(requestId, key);
    setNoteState(key, { status: 'loading' });
    return requestId;
  }

  private nextId(): string {
    return `${Date.now().toString(36)}-${++this.counter}`;
  }

  /** Withdraws the post's request; it has no note state afterwards (opening asks again). */
  cancel(key: string): void {
    this.cancelRequests(key);
    clearNoteState(key);
  }

  private cancelRequests(key: string): void {
    for (const [requestId, k] of this.inFlight) {
      if (k !== key) continue;
      this.inFlight.delete(requestId);
      this.send({ type: 'note:cancel', requestId });
    }
  }

  private send(message: NotePortIn): void {
    this.connect().postMessage(message);
  }

  private connect(): Browser.runtime.Port {
    if (this.port) return this.port;
    const port = browser.runtime.connect({ name: NOTE_PORT_NAME });
    port.onMessage.addListener((raw: unknown) => {
      const parsed = notePortOutSchema.safeParse(raw);
      if (parsed.success) this.receive(parsed.data);
    });
    port.onDisconnect.addListener(() => {
      this.port = null;
      this.failInFlight();
    });
    this.port = port;
    return port;
  }

  private receive(message: NotePortOut): void {
    if (message.type === 'batch:digest') {
      if (message.batchId === this.batchId) setDigest({ text: message.digest, final: message.final });
      return;
    }
    const key = this.inFlight.get(message.requestId);
    if (key === undefined) return; // cancelled or superseded
    switch (message.type) {
      case 'note:partial':
        setNoteState(key, { status: 'streaming', partial: message.note });
        return;
      case 'note:done':
        this.inFlight.delete(message.requestId);
        setNoteState(key, { status: 'done', note: message.note, meta: message.meta });
        return;
      case 'note:error':
        this.inFlight.delete(message.requestId);
        setNoteState(key, { status: 'error', error: message.error });
        return;
    }
  }

  private failInFlight(): void {
    const error = noteError('network', "Footnote's background worker stopped before the note was finished.");
    for (const key of this.inFlight.values()) setNoteState(key, { status: 'error', error });
    this.inFlight.clear();
  }
}
