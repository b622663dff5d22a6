import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Classification, Note } from '../../utils/core/note-schema';
import type { OutputMode } from '../../utils/core/output-mode';
import type { NoteErrorCode } from '../../utils/core/note-error';
import type { Grounding, SelfCheck, TokenUsage } from '../../utils/core/note-meta';

/** One HTTP call the engine made for a row (seen through the `stream` dependency). */
export interface ModelCall {
  /** How the provider was asked for JSON (docs/ARCHITECTURE.md, Prompting and safety: json_schema → json_object → prompt_only). */
  mode: OutputMode;
  /** A repair request: the previous call's answer (of the same purpose) did not validate. */
  repair: boolean;
  /** The self-check's review of the note, not the note itself (absent on lines before it existed). */
  selfCheck?: boolean;
  /** An answer came back (valid or not); otherwise the call failed with `error`. */
  answered: boolean;
  error: NoteErrorCode | null;
  status: number | null;
  usage: { promptTokens: number; completionTokens: number } | null;
}

/** One row's outcome: one line of results.jsonl. The report is computed from these lines only. */
export interface ResultLine {
  id: string;
  kind: 'dataset' | 'injection';
  /** The dataset row (for an injection row: the row whose text it wraps). */
  row: number;
  /** Injection rows: the template used and the id of the wrapped row. */
  injection: { template: string; baseId: string } | null;
  /** The dataset's rating as written, and the class label-map.ts made of it (null: none). */
  label: string;
  gold: Classification | null;
  answerLanguage: string;
  provider: string;
  baseUrl: string;
  model: string;
  promptVersion: string;
  /** The output mode of the row's last call (the answer's mode when there is one). */
  mode: OutputMode | null;
  /** The engine sent a repair request (the first answer did not validate). */
  repaired: boolean;
  /** Every call the engine made in the row's last attempt, in order (mode fallbacks, repairs). */
  calls: ModelCall[];
  /** ok: a note that passed validation; malformed: an answer that did not; error: no answer. */
  outcome: 'ok' | 'malformed' | 'error';
  error: { code: NoteErrorCode; message: string; status: number | null } | null;
  /** The validated note, after the engine's rules. */
  note: Note | null;
  /** Citations in the model's own answer (before the rules drop unknown ids), and after them. */
  citations: { written: string[]; kept: string[] } | null;
  /** Evidence ids the note could cite (NoteMeta.evidence). */
  evidenceIds: string[];
  /** Tokens of all the row's calls (a malformed answer's and the self-check's too); estimated when the provider said nothing. */
  usage: TokenUsage | null;
  /** The run asked for a self-check of every note (--self-check); absent on lines before it existed. */
  selfCheckOn?: boolean;
  /** The note's meta.grounding: its evidence-based verdicts, found in the evidence or downgraded. */
  grounding?: Grounding | null;
  /** The note's meta.selfCheck: what the review did to it, and its tokens. */
  selfCheck?: SelfCheck | null;
  latencyMs: number;
  firstPartialMs: number | null;
  attempts: number;
  finishedAt: string;
}

/** Rows that got no answer (rate limits, network, …) run again on the next run; the others are done. */
export function isDone(line: ResultLine): boolean {
  return line.outcome !== 'error';
}

/**
 * Reads results.jsonl: the last line for each id wins (a rerun appends). A line cut short by a
 * crash is ignored (that row just runs again).
 */
export async function readResults(path: string): Promise<{ lines: ResultLine[]; unreadable: number }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], unreadable: 0 };
    throw err;
  }
  const byId = new Map<string, ResultLine>();
  let unreadable = 0;
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    try {
      const line = JSON.parse(raw) as ResultLine;
      if (typeof line.id !== 'string' || typeof line.outcome !== 'string') throw new Error('not a result');
      byId.delete(line.id); // keep file order = latest attempt order
      byId.set(line.id, line);
    } catch {
      unreadable++;
    }
  }
  return { lines: [...byId.values()], unreadable };
}

/** Appends lines one at a time, in order, so concurrent rows never interleave. */
export function resultsWriter(path: string) {
  let queue: Promise<void> = mkdir(dirname(path), { recursive: true }).then(() => undefined);
  return {
    append(line: ResultLine): Promise<void> {
      queue = queue.then(() => appendFile(path, JSON.stringify(line) + '\n', 'utf8'));
      return queue;
    },
    flush: () => queue,
  };
}
