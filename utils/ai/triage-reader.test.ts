import { describe, expect, it } from 'vitest';
import { CLASSIFICATIONS } from '../core/note-schema';
import { TRIAGE_REASON_MAX, triageSchema, type Triage } from '../core/triage';
import { triageJsonSchema, triageReader, triagesByRef } from './triage-reader';

const verdict = (ref: string, patch: Partial<Triage> = {}) => ({
  ref,
  classification: 'misleading',
  reason: `Why ${ref} may mislead.`,
  worth_note: true,
  injection_detected: false,
  ...patch,
});
const without = ({ ref: _ref, ...triage }: ReturnType<typeof verdict>) => triage;

const REFS = ['P1', 'P2', 'P3'];
function read(posts: unknown[], refs = REFS) {
  const final = triageReader.final({ posts });
  if (!final.ok) throw new Error(final.problem);
  return triagesByRef(final.value, refs);
}

describe('triage reader', () => {
  it('maps verdicts to their refs, in any order', () => {
    const byRef = read([verdict('P3', { classification: 'opinion', reason: '' }), verdict('P1')]);
    expect([...byRef.keys()].sort()).toEqual(['P1', 'P3']);
    expect(byRef.get('P1')).toEqual(without(verdict('P1')));
    expect(byRef.get('P3')).toMatchObject({ classification: 'opinion', reason: '' });
  });

  it('leaves out a post the answer skipped, and drops refs nobody asked about', () => {
    const byRef = read([verdict('P1'), verdict('P9'), verdict('E1'), verdict('')]);
    expect([...byRef.keys()]).toEqual(['P1']);
  });

  it('drops a ref answered twice with different verdicts: nothing is given another post’s verdict', () => {
    const byRef = read([
      verdict('P1'),
      verdict('P2', { classification: 'false' }),
      verdict('P2', { classification: 'accurate', reason: '' }), // meant for P3, perhaps
    ]);
    expect([...byRef.keys()]).toEqual(['P1']);
    // The same verdict twice is no doubt: kept.
    expect(read([verdict('P2'), verdict('P2')]).get('P2')).toEqual(without(verdict('P2')));
    // An invalid repeat makes the ref doubtful too.
    expect(read([verdict('P2'), verdict('P2', { classification: 'pants_on_fire' as never })]).size).toBe(0);
  });

  it('skips an invalid item alone, not the whole answer', () => {
    const byRef = read([
      verdict('P1', { classification: 'very_true' as never }),
      { ...verdict('P2'), worth_note: 'yes' },
      { ref: 'P3', classification: 'false' }, // fields missing
      'P1',
      null,
      { ...verdict('P2'), ref: 2 },
    ]);
    expect(byRef.size).toBe(0);
    const mixed = read([verdict('P1', { classification: 'very_true' as never }), verdict('P2')]);
    expect([...mixed.keys()]).toEqual(['P2']);
  });

  it('tolerates refs in another case or padded, and makes a reason one line within the cap', () => {
    const long = 'This claim\nleaves out   the date. '.repeat(20);
    const byRef = read([{ ...verdict('P1'), ref: ' p1 ' }, verdict('P2', { reason: long })]);
    expect(byRef.get('P1')).toEqual(without(verdict('P1')));
    const reason = byRef.get('P2')!.reason;
    expect(reason).not.toContain('\n');
    expect(Array.from(reason)).toHaveLength(TRIAGE_REASON_MAX);
    expect(reason.startsWith('This claim leaves out the date. This claim')).toBe(true);
    expect(reason.endsWith('…')).toBe(true);
    expect(triageSchema.safeParse(byRef.get('P2')).success).toBe(true);
  });

  it('asks for a repair only when the answer is not a list of verdicts', () => {
    for (const json of [null, [], 'x', {}, { posts: 'P1' }, { notes: [] }]) {
      const final = triageReader.final(json);
      expect(final.ok, JSON.stringify(json)).toBe(false);
      if (!final.ok) expect(final.problem).toContain('posts');
    }
    expect(triageReader.final({ posts: [] })).toEqual({ ok: true, value: { posts: [] } });
    expect(triageReader.partial('{"posts":[')).toBeNull();
  });

  it('asks strict structured output for exactly the fields triageSchema reads, with no maxLength', () => {
    const item = (triageJsonSchema.properties as { posts: { items: Record<string, unknown> } }).posts.items;
    const properties = item.properties as Record<string, { enum?: unknown }>;
    expect(Object.keys(properties)).toEqual(['ref', ...Object.keys(triageSchema.shape)]);
    expect(item.required).toEqual(Object.keys(properties));
    expect(item.additionalProperties).toBe(false);
    expect(properties.classification?.enum).toEqual([...CLASSIFICATIONS]);
    expect(JSON.stringify(triageJsonSchema)).not.toContain('maxLength');
    expect(triageReader.format.name).toBe('footnote_triage');
  });
});
