import { browser, type Browser } from 'wxt/browser';
import { NOTE_PORT_NAME, notePortOutSchema, type NotePortOut } from '@/utils/messaging/protocol';
import type { NotePortIn } from '@/utils/messaging/note-port-requests';
import { noteError, type NoteError } from '@/utils/core/note-error';
import { hasSomethingToCheck } from '@/utils/core/checkable';
import { postKey, type Post } from '@/utils/core/post';
import type { Triage } from '@/utils/core/triage';
import type { TranscriptResult } from '@/utils/core/video';
import { LOADING_GRACE_FRAMES } from './card-timing';
import { withLanguage } from './post-language';
import { clearNoteState, noteStatus, setDigest, setNoteState, setSuggestion } from './note-store';

/**
 * What was asked, by request id. `peek`: only the cache, for a badge the pointer or focus is on
 * (a miss ends it; a hit is kept while `stillShown()`). `cache`: a request the reader made,
 * asking the cache first. `model`: sent as a note request; with a `source` the reader suggested,
 * one that rewrites the note shown.
 */
interface Asked {
  key: string;
  post: Post;
  stage: 'peek' | 'cache' | 'model';
  stillShown: () => boolean;
  source?: string;
  /** Stops reading a video's transcript, while it is read before the request is sent. */
  reading?: AbortController;
}

/** Reads what is said in a video post (the YouTube watch page's transcript), for its note request. */
export type TranscriptReader = (videoId: string, signal: AbortSignal) => Promise<TranscriptResult>;

/** Where the answers of a triage batch go, post by post: the triage queue that asked. */
export interface TriageAnswers {
  verdict(key: string, triage: Triage): void;
  /** The answer left the post out (or the worker stopped first): it may be asked again. */
  skipped(key: string): void;
  /**
   * Triage cannot go on for now (rate limit, budget, provider down): none of the batch's posts
   * (`keys`) was triaged.
   */
  paused(error: NoteError, keys: readonly string[]): void;
}

/** A post sent for triage, by request id. */
interface TriageAsk {
  key: string;
  batchId: string;
  answers: TriageAnswers;
}

/**
 * Requests notes from the background over one runtime port, opened on first use, and writes
 * what streams back into the note store. If the port drops (the service worker was stopped),
 * requests in flight fail visibly with a retry instead of spinning forever. Triage batches go
 * over the same port; their answers go back to whoever asked (TriageAnswers).
 */
export class NoteClient {
  private port: Browser.runtime.Port | null = null;
  /** Requests and peeks still in flight. */
  private readonly inFlight = new Map<string, Asked>();
  private counter = 0;
  /** The latest batch: only its digest is shown. */
  private batchId: string | null = null;
  /** Posts sent for triage and not answered yet. */
  private readonly triageAsks = new Map<string, TriageAsk>();

  constructor(private readonly readTranscript?: TranscriptReader) {}

  /**
   * Asks for the post's note. A post with nothing to check gets that answer at once, with no
   * model call. The others ask the background's cache first, before their language is known
   * (cached notes are not keyed by it), and show nothing until it answers: a cached note then
   * paints with no loading state before it. On a miss, or after LOADING_GRACE_FRAMES frames
   * without an answer, the post shows as loading; on a miss it goes to the model once its
   * language is known. A peek in flight for the post becomes the request's first step.
   */
  request(post: Post, refresh = false): void {
    if (!this.worthAsking(post)) return;
    if (refresh) {
      this.write(this.track(post, 'model'), true);
      return;
    }
    const key = postKey(post);
    if (this.idOf(key, 'cache')) return; // already waiting for the cache's answer
    const peeked = this.idOf(key, 'peek');
    const requestId = peeked ?? this.track(post, 'cache');
    if (peeked) this.inFlight.set(peeked, { key, post, stage: 'cache', stillShown: always });
    else this.send({ type: 'note:peek', requestId, post });
    afterFrames(LOADING_GRACE_FRAMES, () => {
      if (this.inFlight.get(requestId)?.stage === 'cache') setNoteState(key, { status: 'loading' });
    });
  }

  /**
   * Rewrites the post's note with a source the reader suggested. The note on screen stays until
   * the new one is done, and stays if it fails: the failure goes to the suggestion.
   */
  suggest(post: Post, source: string): void {
    const requestId = this.track(post, 'model', source);
    setSuggestion(postKey(post), { url: source, error: null });
    this.write(requestId, true);
  }

  /**
   * Asks the background's cache alone for the post's note (the pointer or focus is on its
   * badge), so that a click or hover intent finds it on the page and paints it at once. Never a
   * model call; a miss leaves no trace; a hit is kept only if `stillShown()` (the post is still
   * on the page when it arrives).
   */
  peek(post: Post, stillShown: () => boolean): void {
    const key = postKey(post);
    if (!hasSomethingToCheck(post) || noteStatus(key) !== 'idle' || this.idOf(key)) return;
    const requestId = this.nextId();
    this.inFlight.set(requestId, { key, post, stage: 'peek', stillShown });
    this.send({ type: 'note:peek', requestId, post });
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
    const items = asked.map((post) => {
      setNoteState(postKey(post), { status: 'loading' });
      return { requestId: this.track(post, 'model'), post };
    });
    void Promise.all(items.map(async (item) => ({ ...item, post: await withLanguage(item.post) }))).then(
      (sent) => {
        const live = sent.filter((item) => this.inFlight.has(item.requestId));
        if (live.length > 0) this.send({ type: 'batch:request', batchId, items: live });
      },
    );
    return true;
  }

  /**
   * One model call that triages up to BATCH_MAX posts (the reader scrolled past them); each
   * post's verdict, or its absence, goes to `answers` as it arrives. The posts' language is not
   * detected: the verdict is written in the answer language, and cached per post without it.
   */
  requestTriage(posts: readonly Post[], answers: TriageAnswers): void {
    if (posts.length === 0) return;
    const batchId = this.nextId();
    const items = posts.map((post) => {
      const requestId = this.nextId();
      this.triageAsks.set(requestId, { key: postKey(post), batchId, answers });
      return { requestId, post };
    });
    this.send({ type: 'triage:request', batchId, items });
  }

  /** False (and the post marked so) when it has nothing a model could check. */
  private worthAsking(post: Post): boolean {
    if (hasSomethingToCheck(post)) return true;
    const key = postKey(post);
    this.cancelRequests(key);
    setNoteState(key, { status: 'nothing' });
    return false;
  }

  /** A fresh request id for the post, replacing any request (or peek) it had in flight. */
  private track(post: Post, stage: Asked['stage'], source?: string): string {
    const key = postKey(post);
    this.cancelRequests(key);
    const requestId = this.nextId();
    this.inFlight.set(requestId, { key, post, stage, stillShown: always, source });
    return requestId;
  }

  /** The model writes the note (the cache had none, or the reader asked for a new one). */
  private write(requestId: string, refresh: boolean): void {
    const asked = this.inFlight.get(requestId);
    if (!asked) return;
    asked.stage = 'model';
    if (!asked.source && noteStatus(asked.key) !== 'loading') setNoteState(asked.key, { status: 'loading' });
    void Promise.all([withLanguage(asked.post), this.videoOf(asked)]).then(
      ([post, video]) => {
        if (this.inFlight.get(requestId) !== asked) return;
        this.send({ type: 'note:request', requestId, post, refresh, suggestedSource: asked.source, video });
      },
      () => undefined, // cancelled while the transcript was read
    );
  }

  /** A video post's transcript, read before its request is sent (the loading state says so). */
  private async videoOf(asked: Asked): Promise<TranscriptResult | undefined> {
    const id = asked.post.video?.id;
    if (id === undefined || !this.readTranscript) return undefined;
    const reading = new AbortController();
    asked.reading = reading;
    if (!asked.source) setNoteState(asked.key, { status: 'loading', progress: READING_TRANSCRIPT });
    try {
      return await this.readTranscript(id, reading.signal);
    } catch (err) {
      if (reading.signal.aborted) throw err;
      return { missing: 'failed' }; // the UI bundle did not load: the note goes without
    } finally {
      asked.reading = undefined;
    }
  }

  /** The id of the post's request in flight (at this stage, if given). */
  private idOf(key: string, stage?: Asked['stage']): string | undefined {
    for (const [requestId, asked] of this.inFlight) {
      if (asked.key === key && (stage === undefined || asked.stage === stage)) return requestId;
    }
    return undefined;
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
    for (const [requestId, asked] of this.inFlight) {
      if (asked.key !== key) continue;
      this.inFlight.delete(requestId);
      asked.reading?.abort();
      // The background keeps no state for a cache lookup: only model requests are withdrawn.
      if (asked.stage === 'model') this.send({ type: 'note:cancel', requestId });
      if (asked.source) setSuggestion(key);
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
    switch (message.type) {
      case 'batch:digest':
        if (message.batchId === this.batchId) setDigest({ text: message.digest, final: message.final });
        return;
      case 'triage:done':
      case 'triage:skipped':
      case 'triage:paused':
        this.receiveTriage(message);
        return;
    }
    const asked = this.inFlight.get(message.requestId);
    if (asked === undefined) return; // cancelled or superseded
    const { key } = asked;
    switch (message.type) {
      case 'note:miss':
        if (asked.stage === 'cache') this.write(message.requestId, false);
        else this.inFlight.delete(message.requestId);
        return;
      case 'note:progress':
        if (!asked.source) setNoteState(key, { status: 'loading', progress: message.progress });
        return;
      case 'note:partial':
        // A rewrite streams out of sight: the note on screen stays until the new one is done.
        if (!asked.source) setNoteState(key, { status: 'streaming', partial: message.note });
        return;
      case 'note:done':
        this.inFlight.delete(message.requestId);
        if (asked.source) setSuggestion(key);
        if (asked.stillShown()) setNoteState(key, { status: 'done', note: message.note, meta: message.meta });
        return;
      case 'note:error':
        this.inFlight.delete(message.requestId);
        this.fail(asked, message.error);
        return;
    }
  }

  /** A failed rewrite leaves the note as it was and tells the suggestion why. */
  private fail({ key, source }: Asked, error: NoteError): void {
    if (source) setSuggestion(key, { url: source, error });
    else setNoteState(key, { status: 'error', error });
  }

  private receiveTriage(message: Extract<NotePortOut, { type: `triage:${string}` }>): void {
    if (message.type === 'triage:paused') {
      const batch = [...this.triageAsks].filter(([, ask]) => ask.batchId === message.batchId);
      for (const [requestId] of batch) this.triageAsks.delete(requestId);
      batch[0]?.[1].answers.paused(
        message.error,
        batch.map(([, ask]) => ask.key),
      );
      return;
    }
    const ask = this.triageAsks.get(message.requestId);
    if (!ask) return;
    this.triageAsks.delete(message.requestId);
    if (message.type === 'triage:done') ask.answers.verdict(ask.key, message.triage);
    else ask.answers.skipped(ask.key);
  }

  /**
   * The worker stopped: what the reader asked for fails with a retry; peeks are just dropped;
   * posts sent for triage count as left out (asked again once).
   */
  private failInFlight(): void {
    const error = noteError('network', "Footnote's background worker stopped before the note was finished.");
    for (const [requestId, asked] of this.inFlight) {
      // A video's request still reading its transcript was not sent yet: it goes on the next port.
      if (asked.reading) continue;
      this.inFlight.delete(requestId);
      if (asked.stage !== 'peek') this.fail(asked, error);
    }
    const lost = [...this.triageAsks.values()];
    this.triageAsks.clear();
    for (const { key, answers } of lost) answers.skipped(key);
  }
}

const READING_TRANSCRIPT = { step: 'transcript', done: 0, total: 0 } as const;

/** What the reader asked for is kept wherever the post went. */
function always(): boolean {
  return true;
}

/** Runs `run` in the `frames`th animation frame from now. */
function afterFrames(frames: number, run: () => void): void {
  requestAnimationFrame(() => (frames > 1 ? afterFrames(frames - 1, run) : run()));
}
