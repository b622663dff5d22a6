import * as z from 'zod/mini';
import { SITE_IDS, type SiteId } from '../core/post';
import { siteIdSchema } from '../core/post-schema';
import { enableableOrigin } from './site-origins';
import { evidenceSettingsSchema, type EvidenceSettings } from './evidence-settings';
import {
  answerLanguageSchema,
  isValidBaseUrl,
  providerSettingsSchema,
  type AnswerLanguage,
  type ProviderSettings,
} from './provider-settings';

/**
 * Export and import of all settings as one JSON file: pure functions (no storage, no i18n),
 * used by the options page's transfer store. Validation reuses the storage items' own
 * schemas, and a file is either valid as a whole or not applied at all.
 */

export const SETTINGS_FILE_FORMAT = 'footnote-settings';
export const SETTINGS_FILE_VERSION = 1;
/** A settings file is a few KB; anything much larger is not one. */
export const SETTINGS_FILE_MAX_BYTES = 1_000_000;
/** Same cap as the daily budget field (entrypoints/options/form-logic.ts). */
const MAX_DAILY_TOKEN_BUDGET = 1_000_000_000_000;
const MAX_ENABLED_ORIGINS = 500;

const secretSchema = z.string().check(z.maxLength(2_000));

/** An origin exactly as enabledOriginsItem keeps it: "https://host[:port]". */
const originSchema = z.string().check(
  z.maxLength(300),
  z.refine((value) => enableableOrigin(value) === value, 'not an http(s) origin'),
);

export const settingsFileSchema = z.strictObject({
  format: z.literal(SETTINGS_FILE_FORMAT),
  version: z.literal(SETTINGS_FILE_VERSION),
  exportedAt: z.optional(z.string().check(z.maxLength(100))),
  /** null: no provider saved (importing it does not remove the current one). */
  provider: z.optional(
    z.nullable(
      providerSettingsSchema.check(
        z.refine((p) => isValidBaseUrl(p.baseUrl), { message: 'not an http(s) URL', path: ['baseUrl'] }),
      ),
    ),
  ),
  answerLanguage: z.optional(answerLanguageSchema),
  dailyTokenBudget: z.optional(z.int().check(z.gte(0), z.lte(MAX_DAILY_TOKEN_BUDGET))),
  sites: z.optional(
    z.strictObject({
      disabled: z.array(siteIdSchema).check(z.maxLength(SITE_IDS.length)),
      /** Sites triaged as the reader scrolls; absent in files from before triage. */
      triage: z.optional(z.array(siteIdSchema).check(z.maxLength(SITE_IDS.length))),
      enabledOrigins: z.array(originSchema).check(z.maxLength(MAX_ENABLED_ORIGINS)),
    }),
  ),
  evidence: z.optional(
    evidenceSettingsSchema.check(
      z.refine((e) => e.searxngUrl === '' || isValidBaseUrl(e.searxngUrl), {
        message: 'not an http(s) URL',
        path: ['searxngUrl'],
      }),
    ),
  ),
  /** Only when the user ticked "Include API keys" on export. */
  keys: z.optional(
    z.strictObject({
      apiKey: z.optional(secretSchema),
      factCheckKey: z.optional(secretSchema),
      searchKey: z.optional(secretSchema),
    }),
  ),
});
export type SettingsFile = z.infer<typeof settingsFileSchema>;

/** Everything the options page stores, as read from storage and the secret store. */
export interface SettingsSnapshot {
  provider: ProviderSettings | null;
  answerLanguage: AnswerLanguage;
  dailyTokenBudget: number;
  disabledSites: SiteId[];
  triageSites: SiteId[];
  enabledOrigins: string[];
  evidence: EvidenceSettings;
  keys: { apiKey: string; factCheckKey: string; searchKey: string };
}

export function buildSettingsFile(
  snapshot: SettingsSnapshot,
  { includeKeys, now }: { includeKeys: boolean; now: number },
): SettingsFile {
  const file: SettingsFile = {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_FILE_VERSION,
    exportedAt: new Date(now).toISOString(),
    provider: snapshot.provider,
    answerLanguage: snapshot.answerLanguage,
    dailyTokenBudget: snapshot.dailyTokenBudget,
    sites: {
      disabled: [...snapshot.disabledSites],
      triage: [...snapshot.triageSites],
      enabledOrigins: [...snapshot.enabledOrigins],
    },
    evidence: snapshot.evidence,
  };
  if (includeKeys) {
    // Only the keys that exist: an empty value on import would mean "delete".
    const keys = Object.fromEntries(Object.entries(snapshot.keys).filter(([, value]) => value !== ''));
    if (Object.keys(keys).length > 0) file.keys = keys;
  }
  return file;
}

export function settingsFileText(file: SettingsFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The local date as YYYY-MM-DD, like the notes export. */
export function settingsFileName(now: number): string {
  const d = new Date(now);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `footnote-settings-${day}.json`;
}

/** The parts of the settings a file can carry, in the order the page lists them. */
export const SETTINGS_PARTS = [
  'provider',
  'answerLanguage',
  'dailyTokenBudget',
  'sites',
  'evidence',
  'keys',
] as const;
export type SettingsPart = (typeof SETTINGS_PARTS)[number];

export type SettingsFileOutcome =
  | { kind: 'ok'; file: SettingsFile; parts: SettingsPart[] }
  | { kind: 'too_large' }
  | { kind: 'not_json' }
  /** JSON, but not a Footnote settings file. */
  | { kind: 'not_settings' }
  /** Written by a newer Footnote (a format this one does not know). */
  | { kind: 'newer_version'; version: number }
  /** A settings file with values that cannot be used: `fields` says which (dotted paths). */
  | { kind: 'invalid'; fields: string[] }
  /** A valid file with nothing in it to import. */
  | { kind: 'empty' };

/** Reads and validates a whole file; nothing in it may be used unless the outcome is 'ok'. */
export function parseSettingsFile(text: string): SettingsFileOutcome {
  if (text.length > SETTINGS_FILE_MAX_BYTES) return { kind: 'too_large' };
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { kind: 'not_json' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'not_settings' };
  const { format, version } = raw as { format?: unknown; version?: unknown };
  if (format !== SETTINGS_FILE_FORMAT) return { kind: 'not_settings' };
  if (typeof version === 'number' && Number.isInteger(version) && version > SETTINGS_FILE_VERSION) {
    return { kind: 'newer_version', version };
  }
  const parsed = settingsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.flatMap((issue) => {
      // Unknown keys are reported on their parent; name them instead.
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [null];
      return keys.map(
        (key) => [...issue.path, ...(key === null ? [] : [key])].map(String).join('.') || '(file)',
      );
    });
    return { kind: 'invalid', fields: [...new Set(fields)] };
  }
  const file = parsed.data;
  const parts = SETTINGS_PARTS.filter((part) => {
    if (part === 'provider') return file.provider !== undefined && file.provider !== null;
    if (part === 'keys') return keysInFile(file).length > 0;
    return file[part] !== undefined;
  });
  if (parts.length === 0) return { kind: 'empty' };
  return { kind: 'ok', file, parts };
}

/** Which API keys a file carries (non-empty ones). */
export function keysInFile(file: SettingsFile): Array<keyof NonNullable<SettingsFile['keys']>> {
  const keys = file.keys ?? {};
  return (['apiKey', 'factCheckKey', 'searchKey'] as const).filter((name) => (keys[name] ?? '') !== '');
}
