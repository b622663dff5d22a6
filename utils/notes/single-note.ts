import type { PartialNote } from '../core/note-schema';
import { noteReader } from '../ai/note-reader';
import { buildNoteMessages } from '../ai/prompt';
import type { Post } from '../core/post';
import { noteContentKey } from './note-cache';
import type { NoteSink } from './note-engine-deps';
import {
  citableTexts,
  finishEvidence,
  gatherForPost,
  promptEvidence,
  searchRound,
  withSuggested,
  type NoteEvidence,
} from './note-evidence';
import { needsSelfCheck, selfCheckNote } from './self-check';
import { NoteFailure } from '../ai/provider-errors';
import { noteError } from '../core/note-error';
import type { GatheredEvidence } from '../core/evidence';
import { sumUsage } from '../core/note-meta';
import {
  onlyChanges,
  type FinishedNote,
  type NotePipeline,
  type NoteRun,
  type Pictures,
} from './note-pipeline';
import type { ImageReport } from '../core/images';
import { imageLabel } from '../ai/image-prompt';
import { rejectsImages } from '../ai/image-rejection';
import { estimateImageTokens } from '../ai/image-tokens';
import { IMAGE_DETAIL } from '../ai/openai-chat';
import { SharedRequests } from './shared-requests';
import { outlineVideo, type VideoOutline } from './video-outline';
import type { TranscriptResult, VideoProgress } from '../core/video';

export interface NoteJob {
  post: Post;
  /** Ignore the cache and any identical request in flight (the user asked to regenerate). */
  refresh: boolean;
  /** Rewrite the note with this source the reader suggested as evidence (implies refresh). */
  suggestedSource?: string;
  /** A video post's transcript as the page gave it, or why none (outlined before the note). */
  video?: TranscriptResult;
}

/** Single notes gather evidence (a batch goes without): part of their cache key. */
const EVIDENCE = true;

/**
 * One post's note: identical requests in flight (a repost of the same text) share one model
 * call; evidence is gathered before it, and a second call follows when web search finds more.
 * Partials stream to every sharing request's sink.
 */
export function createSingleNotes(pipeline: NotePipeline) {
  const inFlight = new SharedRequests<FinishedNote, PartialNote>();
  let unsharedRequests = 0;

  function requestNote(job: NoteJob, sink: NoteSink, signal: AbortSignal): Promise<void> {
    const { post, suggestedSource, video } = job;
    const refresh = job.refresh || suggestedSource !== undefined;
    return pipeline.run([{ post, sink }], { evidence: EVIDENCE, refresh }, async (run, [pending]) => {
      // The note a suggestion revises is the one the reader sees: the cache's, before it is replaced.
      const first = suggestedSource === undefined ? null : await pipeline.cached(pending.key);
      // A video's note is not shared: its transcript came with this request, and so does its progress.
      const unshared = refresh || post.video !== undefined;
      const shareKey = unshared ? `own:${++unsharedRequests}` : await noteContentKey(pending.keyParts);
      const finished = await inFlight.join(
        shareKey,
        (sharedSignal, onPartial) =>
          pipeline.queue(
            run.endpoint,
            () =>
              write(run, { post, suggestedSource, video }, sharedSignal, {
                partial: onPartial,
                progress: (progress) => sink.progress?.(progress),
              }),
            sharedSignal,
          ),
        onlyChanges((partial) => sink.partial(partial)),
        signal,
      );
      // A note written without the transcript because reading it failed is not kept: the next look tries again.
      const keep = finished.meta.video?.missing !== 'failed';
      await pipeline.deliver(pending, first ? revised(finished, first, suggestedSource!) : finished, {
        keep,
      });
    });
  }

  /** The note requestNote would answer from the cache, or null; never a model call. */
  function peekNote(post: Post): Promise<FinishedNote | null> {
    return pipeline.fromCache(post, EVIDENCE);
  }

  async function write(
    run: NoteRun,
    { post, suggestedSource, video }: Omit<NoteJob, 'refresh'>,
    signal: AbortSignal,
    on: { partial(partial: PartialNote): void; progress(progress: VideoProgress): void },
  ): Promise<FinishedNote> {
    const outline =
      post.video && video ? await outlineVideo(pipeline, run, post, video, signal, on.progress) : null;
    const onPartial = on.partial;
    let evidence = await gatherForPost(run.plan, post, run.answerLanguage, signal);
    if (suggestedSource !== undefined) {
      evidence = withSuggested(evidence, await readSuggested(run, suggestedSource, signal));
    }
    let pictures = await pipeline.pictures(run, post, signal);
    // A draft the self-check may withdraw is not shown while it is written: only its summary.
    const streamTo = run.selfCheck ? summaryOnly(onPartial) : onPartial;
    let answer: Awaited<ReturnType<typeof callModel>>;
    try {
      answer = await callModel(run, post, evidence, pictures, outline, signal, streamTo);
      if (pictures?.images.length) await pipeline.learnImages(run, 'yes');
    } catch (err) {
      if (!pictures?.images.length || !(err instanceof NoteFailure) || !rejectsImages(err.error)) throw err;
      // The model reads no pictures: remembered, and the note is written from their alt text.
      await pipeline.learnImages(run, 'no');
      pictures = { ...pictures, images: [], textOnly: true };
      answer = await callModel(run, post, evidence, pictures, outline, signal, streamTo);
    }
    // Round two: the card keeps showing round one's text while the model rewrites with more.
    const searched = await searchRound(run.plan, evidence, answer.value.search_queries, signal);
    if (searched && searched.given.length > evidence.given.length) {
      answer = await callModel(run, post, searched, pictures, outline, signal, () => undefined);
    }
    evidence = searched ?? evidence;
    const { search_queries: _queries, ...note } = answer.value;
    const written = pipeline.finish(run, {
      note,
      answer,
      usage: outline ? sumUsage(outline.usage, answer.usage) : answer.usage,
      citable: citableTexts(evidence),
      evidence: await finishEvidence(evidence, post),
    });
    const draft = {
      ...written,
      meta: {
        ...written.meta,
        ...(pictures ? { images: imageReport(pictures, run) } : {}),
        ...(outline ? { video: outline.report } : {}),
      },
    };
    if (!run.selfCheck || !needsSelfCheck(draft.note)) return draft;
    const checked = await selfCheckNote(
      pipeline,
      run,
      {
        post,
        note: draft.note,
        evidence: promptEvidence(evidence),
        ...(outline ? { video: outline.report } : {}),
      },
      signal,
    );
    return {
      note: checked.note,
      meta: {
        ...draft.meta,
        usage: sumUsage(draft.meta.usage, checked.selfCheck.usage),
        selfCheck: checked.selfCheck,
      },
    };
  }

  function callModel(
    run: NoteRun,
    post: Post,
    evidence: NoteEvidence,
    pictures: Pictures | null,
    outline: VideoOutline | null,
    signal: AbortSignal,
    onPartial: (partial: PartialNote) => void,
  ) {
    const images = (pictures?.images ?? []).map((image) => ({ ...image, label: imageLabel(image) }));
    const imageTokens = pictures ? imageReport(pictures, run).estimatedTokens : 0;
    return pipeline.callModel(
      run,
      {
        prompt: (basics) =>
          buildNoteMessages({
            ...basics,
            post,
            evidence: promptEvidence(evidence),
            images,
            ...(outline ? { video: outline.report } : {}),
          }),
        reader: noteReader,
        postLanguage: post.lang,
        tally: () => ({ kind: 'notes', notes: 1, ...(imageTokens ? { imageTokens } : {}) }),
        imageTokens,
        onPartial,
      },
      signal,
    );
  }

  return { requestNote, peekNote };
}

/** The suggested source, read like a linked page; what went wrong is said in the reader's terms. */
async function readSuggested(run: NoteRun, url: string, signal: AbortSignal): Promise<GatheredEvidence> {
  if (!run.plan.readSuggested) throw new NoteFailure(noteError('invalid_request', SUGGESTIONS_OFF));
  try {
    return await run.plan.readSuggested(url, signal);
  } catch (err) {
    signal.throwIfAborted();
    const reason = err instanceof Error ? err.message : String(err);
    throw new NoteFailure(
      noteError('invalid_request', `Footnote could not use ${url} as a source: ${reason}`),
    );
  }
}

const SUGGESTIONS_OFF = 'Footnote cannot read suggested sources with the current settings.';

/** The rewritten note, keeping the version the reader saw before suggesting the source. */
function revised(finished: FinishedNote, first: FinishedNote, sourceUrl: string): FinishedNote {
  const suggested = finished.meta.evidence.find((item) => item.kind === 'suggested');
  return {
    note: finished.note,
    meta: {
      ...finished.meta,
      revision: {
        sourceUrl: suggested?.url ?? sourceUrl,
        previous: { note: first.note, evidence: first.meta.evidence, createdAt: first.meta.createdAt },
      },
    },
  };
}

/** What a note's metadata keeps of its pictures: sent (with their size), skipped and why, the estimate. */
function imageReport(pictures: Pictures, run: NoteRun): ImageReport {
  const sent = pictures.images.map(({ of, index, width, height, bytes }) => ({
    of,
    index,
    width,
    height,
    bytes,
  }));
  const estimatedTokens = sent.reduce(
    (sum, size) => sum + estimateImageTokens(size, { detail: IMAGE_DETAIL, model: run.endpoint.model }),
    0,
  );
  return { sent, skipped: pictures.skipped, textOnly: pictures.textOnly, estimatedTokens };
}

/** Passes on only the summary of a streamed draft (the rest waits for the self-check). */
function summaryOnly(onPartial: (partial: PartialNote) => void): (partial: PartialNote) => void {
  return (partial) => {
    if (partial.summary !== undefined) onPartial({ summary: partial.summary });
  };
}
