import { ARR, OBJ, STR, parse } from 'partial-json';
import { BASES, CLASSIFICATIONS, VERDICTS, type Claim, type PartialNote } from '../core/note-schema';

/**
 * The JSON object inside a model's answer: models without strict structured output often wrap
 * it in a Markdown fence or a sentence; take from the first "{".
 */
export function jsonObjectText(answer: string): string {
  const start = answer.indexOf('{');
  if (start < 0) return '';
  const fenceEnd = answer.indexOf('```', start);
  return fenceEnd < 0 ? answer.slice(start) : answer.slice(start, fenceEnd);
}

/**
 * Reads whatever prefix of a note has streamed so far. Strings may be partial (so the summary
 * shows while it is being written); numbers and enums appear only once complete. Anything that
 * is not of the schema's shape is left out: this is untrusted model output.
 */
export function parsePartialNote(answer: string): PartialNote {
  const value = parsePartialObject(answer);
  return value ? shapePartialNote(value) : {};
}

/** The JSON object that has streamed so far, or null when there is none (yet, or at all). */
export function parsePartialObject(answer: string): Record<string, unknown> | null {
  const text = jsonObjectText(answer);
  if (!text) return null;
  try {
    const value: unknown = parse(text, STR | OBJ | ARR);
    return isRecord(value) ? value : null;
  } catch {
    return null; // The final validation reports what is wrong.
  }
}

export function shapePartialNote(raw: Record<string, unknown>): PartialNote {
  const note: PartialNote = {};
  if (typeof raw.summary === 'string') note.summary = raw.summary;
  if (isOneOf(raw.classification, CLASSIFICATIONS)) note.classification = raw.classification;
  if (typeof raw.note === 'string') note.note = raw.note;
  if (Array.isArray(raw.claims)) note.claims = raw.claims.filter(isRecord).map(shapePartialClaim);
  if (typeof raw.detail === 'string') note.detail = raw.detail;
  if (typeof raw.injection_detected === 'boolean') note.injection_detected = raw.injection_detected;
  return note;
}

function shapePartialClaim(raw: Record<string, unknown>): Partial<Claim> {
  const claim: Partial<Claim> = {};
  if (typeof raw.claim === 'string') claim.claim = raw.claim;
  if (typeof raw.quote === 'string') claim.quote = raw.quote;
  if (isOneOf(raw.verdict, VERDICTS)) claim.verdict = raw.verdict;
  if (typeof raw.confidence === 'number' && raw.confidence >= 0 && raw.confidence <= 1) {
    claim.confidence = raw.confidence;
  }
  if (isOneOf(raw.basis, BASES)) claim.basis = raw.basis;
  if (typeof raw.explanation === 'string') claim.explanation = raw.explanation;
  if (Array.isArray(raw.citations)) claim.citations = raw.citations.filter((c) => typeof c === 'string');
  return claim;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}
