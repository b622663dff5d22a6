import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// The parser the build itself uses (@wxt-dev/i18n turns locales/*.yml into _locales/*/messages.json),
// so this test sees keys, plural forms and placeholders exactly as the extension will.
import { parseMessagesFile, type ParsedMessage } from '@wxt-dev/i18n/build';

const LOCALES_DIR = fileURLToPath(new URL('../locales/', import.meta.url));
const BASE = 'en';
/** Every UI language Footnote ships; each needs its own file with every key. */
const EXPECTED_LOCALES = ['en', 'es', 'pt_BR'];

interface Shape {
  type: ParsedMessage['type'];
  /** Plural forms ("0", "1", "n"), when the message is a plural. */
  plurals: string[];
  /** Highest $n placeholder used in the message (in any of its forms). */
  placeholders: number;
}

function placeholdersIn(text: string): number {
  return Math.max(0, ...[...text.matchAll(/\$(\d)/g)].map((m) => Number(m[1])));
}

async function shapes(locale: string): Promise<Map<string, Shape>> {
  const messages = await parseMessagesFile(path.join(LOCALES_DIR, `${locale}.yml`));
  const map = new Map<string, Shape>();
  for (const message of messages) {
    const texts = message.type === 'plural' ? Object.values(message.plurals) : [message.message];
    map.set(message.key.join('.'), {
      type: message.type,
      plurals: message.type === 'plural' ? Object.keys(message.plurals).sort() : [],
      placeholders: Math.max(0, ...texts.map(placeholdersIn)),
    });
  }
  return map;
}

const localeFiles = readdirSync(LOCALES_DIR)
  .filter((file) => file.endsWith('.yml'))
  .map((file) => file.replace(/\.yml$/, ''))
  .sort();

describe('locale files', () => {
  it('exist for every shipped language', () => {
    expect(localeFiles).toEqual(EXPECTED_LOCALES);
  });

  for (const locale of localeFiles.filter((l) => l !== BASE)) {
    it(`${locale} has exactly the keys of ${BASE}, with the same plural forms and placeholders`, async () => {
      const [base, other] = await Promise.all([shapes(BASE), shapes(locale)]);
      const missing = [...base.keys()].filter((key) => !other.has(key));
      const extra = [...other.keys()].filter((key) => !base.has(key));
      expect({ missing, extra }, `keys of ${locale}.yml compared with ${BASE}.yml`).toEqual({
        missing: [],
        extra: [],
      });
      const mismatched = [...base.entries()]
        .filter(([key, shape]) => JSON.stringify(other.get(key)) !== JSON.stringify(shape))
        .map(([key, shape]) => ({ key, [BASE]: shape, [locale]: other.get(key) }));
      expect(mismatched, `messages of ${locale}.yml shaped differently from ${BASE}.yml`).toEqual([]);
    });

    it(`${locale} has no message left empty`, async () => {
      const messages = await parseMessagesFile(path.join(LOCALES_DIR, `${locale}.yml`));
      const empty = messages
        .filter((m) => (m.type === 'plural' ? Object.values(m.plurals) : [m.message]).some((t) => !t.trim()))
        .map((m) => m.key.join('.'));
      expect(empty).toEqual([]);
    });
  }
});
