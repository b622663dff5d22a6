import type { PromptEvidence } from '../ai/evidence-prompt';
import { buildSelfCheckMessages } from '../ai/self-check-prompt';
import { selfCheckReader, type SelfCheckAnswer } from '../ai/self-check-reader';
import { NO_USAGE, type SelfCheck, type SelfCheckOutcome } from '../core/note-meta';
import type { Note } from '../core/note-schema';
import type { Post } from '../core/post';
import { FLAGGED_CLASSIFICATIONS } from '../core/triage';
import { isLocalServer } from '../evidence/private-host';
import { isOnDevice } from '../settings/on-device-endpoint';
import type { NotePipeline, NoteRun } from './note-pipeline';
import { clipNoteText } from './note-rules';

/** The draft a self-check reviews: the note as the rules left it, with what it was written from. */
export interface SelfCheckDraft {
  post: Post;
  note: Note;
  /** The evidence the model was given (E0, E1…): the review sees what the draft cites of it. */
  evidence: PromptEvidence[];
}

/**
 * Where the "check each note" setting applies: cloud providers. Not Chrome's on-device model
 * (a few thousand tokens a session, and slow), nor a model server on the reader's own machine or
 * network: there every request runs on the reader's hardware, so a second one before the card
 * can show the note roughly doubles the wait, and the small models such servers run review a
 * note less reliably than a cloud model, so a revision or withdrawal would be worth less.
 */
export function selfCheckSuits(endpoint: { baseUrl: string }): boolean {
  return !isOnDevice(endpoint) && !isLocalServer(endpoint.baseUrl);
}

/** A draft with neither note text nor claims says nothing a review could find fault with. */
export function needsSelfCheck(note: Note): boolean {
  return note.note.trim() !== '' || note.claims.length > 0;
}

/**
 * Reviews a draft with one short request (utils/ai/self-check-prompt.ts) before it is shown:
 * kept, revised or withdrawn by applySelfCheck. Never loses the draft: a failure (network,
 * an answer still invalid after its repair, the day's budget used up) keeps it unchanged, with
 * outcome "failed" and why. A cancel propagates. Call it inside the endpoint's queue turn the
 * note was written in (it does not queue again); its tokens count toward the budget, as no note.
 */
export async function selfCheckNote(
  pipeline: NotePipeline,
  run: NoteRun,
  draft: SelfCheckDraft,
  signal: AbortSignal,
): Promise<{ note: Note; selfCheck: SelfCheck }> {
  try {
    await pipeline.checkBudget();
    const answer = await pipeline.callModel(
      run,
      {
        prompt: (basics) => buildSelfCheckMessages({ ...basics, ...draft }),
        reader: selfCheckReader(draft.note.note.trim() !== ''),
        postLanguage: draft.post.lang,
        tally: () => ({ kind: 'notes', notes: 0 }),
        onPartial: () => undefined,
      },
      signal,
    );
    const reviewed = applySelfCheck(draft.note, answer.value);
    return {
      note: reviewed.note,
      selfCheck: { outcome: reviewed.outcome, reason: reviewed.reason, usage: answer.usage },
    };
  } catch (err) {
    if (signal.aborted) throw err; // a cancel, as the call reported it
    return {
      note: draft.note,
      selfCheck: { outcome: 'failed', reason: failureReason(err), usage: NO_USAGE },
    };
  }
}

export interface ReviewedNote {
  note: Note;
  outcome: Exclude<SelfCheckOutcome, 'failed'>;
  /** The review's own words (untrusted) for a revision or withdrawal; empty when kept. */
  reason: string;
}

/**
 * The review's action on the draft. keep: unchanged. revise: the note text replaced, clipped as
 * the rules clip it (a "revision" that changes nothing is a keep). withdraw: no note text, and
 * a warning classification (misleading, false, needs context) becomes "unverifiable", as the
 * context behind it was withdrawn; the claims and their verdicts stay.
 */
export function applySelfCheck(draft: Note, answer: SelfCheckAnswer): ReviewedNote {
  switch (answer.action) {
    case 'keep':
      return { note: draft, outcome: 'kept', reason: '' };
    case 'revise': {
      const text = clipNoteText(answer.note);
      if (text === draft.note.trim()) return { note: draft, outcome: 'kept', reason: '' };
      return { note: { ...draft, note: text }, outcome: 'revised', reason: answer.reason };
    }
    case 'withdraw': {
      const classification = FLAGGED_CLASSIFICATIONS.has(draft.classification)
        ? 'unverifiable'
        : draft.classification;
      return { note: { ...draft, note: '', classification }, outcome: 'withdrawn', reason: answer.reason };
    }
  }
}

/** A NoteFailure's message is its NoteError's: actionable, and safe to show (no key in it). */
function failureReason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
