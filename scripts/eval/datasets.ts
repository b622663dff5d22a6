import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readRowEvidence, type RowEvidence } from './row-evidence';

/** One claim to write a note for, with the fact-checkers' rating, from any supported dataset. */
export interface EvalRow {
  /** Stable across runs and file edits elsewhere (resume key): the row's own id, else a content hash. */
  id: string;
  /** 1-based position among the file's data rows, to find it again. */
  row: number;
  text: string;
  /** The dataset's rating as written ('' when it has none); label-map.ts turns it into a class. */
  label: string;
  lang: string | null;
  /** ISO 8601, when the dataset dates the claim. */
  time: string | null;
  /** Who made the claim, when the dataset says (AVeriTeC's speaker). */
  author: string | null;
  /** Sources the row brings for the model (JSONL's `evidence`); none in the other formats. */
  evidence: RowEvidence[];
}

export const DATASET_FORMATS = ['tsv', 'jsonl', 'averitec'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export interface Dataset {
  format: DatasetFormat;
  rows: EvalRow[];
  /** Data rows that cannot become a post (no text), with why. */
  skipped: Array<{ row: number; reason: string }>;
}

/**
 * Reads a dataset by path: a TSV with a header (FACTCK.BR's ClaimReview columns, or
 * text/label/lang), JSONL of {text, label, lang, id?, time?}, or AVeriTeC's dev.json.
 */
export async function loadDataset(path: string, format?: DatasetFormat): Promise<Dataset> {
  const text = await readFile(path, 'utf8');
  return parseDataset(text, format ?? detectFormat(path, text));
}

export function detectFormat(path: string, text: string): DatasetFormat {
  if (/\.tsv$/i.test(path)) return 'tsv';
  if (/\.jsonl$/i.test(path)) return 'jsonl';
  if (/\.json$/i.test(path) || text.trimStart().startsWith('[')) return 'averitec';
  throw new Error(`Cannot tell the format of ${path}; pass --format tsv|jsonl|averitec.`);
}

export function parseDataset(text: string, format: DatasetFormat): Dataset {
  const content = text.replace(/^\uFEFF/, '');
  const draft =
    format === 'tsv' ? parseTsv(content) : format === 'jsonl' ? parseJsonl(content) : parseAveritec(content);
  const rows: EvalRow[] = [];
  const skipped: Dataset['skipped'] = [];
  const seen = new Map<string, number>();
  for (const row of draft) {
    if (!row.text.trim()) {
      skipped.push({ row: row.row, reason: 'no claim text' });
      continue;
    }
    const base =
      row.id ||
      'h' +
        createHash('sha256')
          .update(JSON.stringify([row.text, row.label]))
          .digest('hex')
          .slice(0, 12);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    rows.push({ ...row, id: count === 1 ? base : `${base}~${count}` });
  }
  return { format, rows, skipped };
}

type DraftRow = Omit<EvalRow, 'id'> & { id: string | null };

/** Column names each field may have, first match wins (FACTCK.BR's names first). */
const TSV_COLUMNS = {
  text: ['claimreviewed', 'text', 'claim'],
  label: ['alternativename', 'label', 'rating'],
  lang: ['lang', 'language'],
  time: ['datepublished', 'date', 'time'],
  id: ['id'],
} as const;

/**
 * Tab-separated, one row a line, first line the header. FACTCK.BR has no tabs or line breaks
 * inside fields, but quotes some fields CSV-style ("…""…"): those are unquoted.
 */
export function parseTsv(text: string): DraftRow[] {
  const lines = text.split(/\r?\n/);
  const header = (lines.shift() ?? '').split('\t').map((h) => unquote(h).trim().toLowerCase());
  const column = (names: readonly string[]) => names.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
  const at = { text: column(TSV_COLUMNS.text), label: column(TSV_COLUMNS.label) };
  if (at.text < 0 || at.label < 0) {
    throw new Error(
      `TSV header needs a text column (${TSV_COLUMNS.text.join('/')}) and a label column (${TSV_COLUMNS.label.join('/')}); got: ${header.join(', ')}`,
    );
  }
  const langAt = column(TSV_COLUMNS.lang);
  const timeAt = column(TSV_COLUMNS.time);
  const idAt = column(TSV_COLUMNS.id);
  // FACTCK.BR is all Brazilian Portuguese and has no language column.
  const defaultLang = header.includes('claimreviewed') && langAt < 0 ? 'pt-BR' : null;
  const rows: DraftRow[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const cells = line.split('\t').map(unquote);
    const cell = (index: number) => (index >= 0 ? (cells[index] ?? '').trim() : '');
    rows.push({
      id: cell(idAt) || null,
      row: i + 1,
      text: cell(at.text),
      label: cell(at.label),
      lang: cell(langAt) || defaultLang,
      time: toIsoDate(cell(timeAt)),
      author: null,
      evidence: [],
    });
  });
  return rows;
}

function unquote(cell: string): string {
  return cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"')
    ? cell.slice(1, -1).replaceAll('""', '"')
    : cell;
}

/** One JSON object a line: {text, label, lang?, id?, time?, author?, evidence?}. */
export function parseJsonl(text: string): DraftRow[] {
  const rows: DraftRow[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new Error(`JSONL line ${i + 1} is not JSON: ${(err as Error).message}`);
    }
    const record = asRecord(value, `JSONL line ${i + 1}`);
    rows.push({
      id: str(record.id) || null,
      row: rows.length + 1,
      text: str(record.text) || str(record.claim),
      label: str(record.label) || str(record.rating),
      lang: str(record.lang) || null,
      time: toIsoDate(str(record.time) || str(record.date)),
      author: str(record.author) || null,
      evidence: readRowEvidence(record.evidence, `JSONL line ${i + 1}`),
    });
  });
  return rows;
}

/** AVeriTeC's data/dev.json: an array of {claim, label, claim_date "d-m-yyyy", speaker, …}; English. */
export function parseAveritec(text: string): DraftRow[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw new Error('AVeriTeC JSON must be an array of claims.');
  return value.map((item, i) => {
    const record = asRecord(item, `AVeriTeC item ${i}`);
    return {
      // The dev set's claims are known by their index in the file.
      id: `averitec-${i}`,
      row: i + 1,
      text: str(record.claim),
      label: str(record.label),
      lang: 'en',
      time: toIsoDate(str(record.claim_date)),
      author: str(record.speaker) || null,
      evidence: [],
    };
  });
}

/** "2019-07-22", "2019-06-13 17:19:01" or AVeriTeC's "31-10-2020" → ISO 8601 UTC; null otherwise. */
export function toIsoDate(value: string): string | null {
  if (!value) return null;
  const dmy = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(value);
  const text = dmy
    ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`
    : value.replace(' ', 'T');
  const time = Date.parse(/T/.test(text) ? text + (/Z|[+-]\d\d:?\d\d$/.test(text) ? '' : 'Z') : text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${where} is not an object.`);
  return value as Record<string, unknown>;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}
