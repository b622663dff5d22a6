import {
  EvidenceSkipped,
  type EvidenceItem,
  type EvidenceNotice,
  type EvidenceQuery,
  type EvidenceSource,
  type GatheredEvidence,
} from '../core/evidence';

/** An item as the prompt and the card know it: numbered, and marked if it came late. */
export type NumberedEvidence = GatheredEvidence & Pick<EvidenceItem, 'id' | 'late'>;

export interface EvidenceSet {
  items: NumberedEvidence[];
  notices: EvidenceNotice[];
}

export interface EvidenceGathering {
  /** What arrived before the deadline: numbered E1…Ek in source order, given to the model. */
  onTime: EvidenceSet;
  /** What the slower sources bring afterwards (numbered by whoever adds them): shown, not lost. */
  late: Promise<EvidenceSet>;
}

/** Enough evidence for a note; more only lengthens the prompt. */
export const EVIDENCE_ITEMS_MAX = 8;

type Outcome = { items: GatheredEvidence[]; notice: null } | { items: []; notice: EvidenceNotice };

/**
 * Asks every source at once and waits at most `deadlineMs` before the model call, so evidence
 * costs the reader a bounded delay. Numbering follows the sources' order, not their arrival,
 * so the same post with the same evidence makes the same prompt.
 */
export async function gatherEvidence(
  sources: EvidenceSource[],
  query: EvidenceQuery,
  options: { deadlineMs: number; signal: AbortSignal },
): Promise<EvidenceGathering> {
  const outcomes: Array<Outcome | undefined> = sources.map(() => undefined);
  const pending = sources.map((source, index) =>
    ask(source, query, options.signal).then((outcome) => {
      outcomes[index] = outcome;
      return outcome;
    }),
  );
  await Promise.race([Promise.all(pending), delay(options.deadlineMs, options.signal)]);

  const onTimeOutcomes = [...outcomes];
  const onTime = collect(
    onTimeOutcomes.filter((o) => o !== undefined),
    false,
  );
  const late = (async (): Promise<EvidenceSet> => {
    const stillPending = pending.filter((_, index) => onTimeOutcomes[index] === undefined);
    return collect(await Promise.all(stillPending), true);
  })();
  return { onTime, late };
}

async function ask(source: EvidenceSource, query: EvidenceQuery, signal: AbortSignal): Promise<Outcome> {
  try {
    return { items: await source.gather(query, signal), notice: null };
  } catch (err) {
    const code = err instanceof EvidenceSkipped ? err.code : 'failed';
    const message = err instanceof Error ? err.message : String(err);
    return { items: [], notice: { kind: source.kind, code, message } };
  }
}

/** The items of every outcome (distinct URLs, at most EVIDENCE_ITEMS_MAX), numbered from E1. */
function collect(outcomes: Outcome[], late: boolean): EvidenceSet {
  const seenUrls = new Set<string>();
  const items = outcomes
    .flatMap((outcome) => outcome.items)
    .filter((item) => !seenUrls.has(item.url) && seenUrls.add(item.url))
    .slice(0, EVIDENCE_ITEMS_MAX);
  return {
    items: numberEvidence(items, 0, late),
    notices: outcomes.flatMap((outcome) => (outcome.notice ? [outcome.notice] : [])),
  };
}

/** Numbers items E<start+1>, E<start+2>, … */
export function numberEvidence(items: GatheredEvidence[], start: number, late: boolean): NumberedEvidence[] {
  return items.map((item, index) => ({ ...item, id: `E${start + index + 1}`, late }));
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** What the note's metadata keeps of an item: everything but the text given to the model. */
export function toEvidenceItem({
  id,
  kind,
  url,
  title,
  publisher,
  review,
  late,
  rating,
}: NumberedEvidence): EvidenceItem {
  return { id, kind, url, title, publisher, review, late, ...(rating ? { rating } : {}) };
}
