import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMessagesFile } from '@wxt-dev/i18n/build';

// The extension's English texts, as browser.i18n would give them (locales/en.yml), for component
// tests: vi.mock('#i18n', () => import('<this file>')).

const messages = new Map(
  (await parseMessagesFile(path.join(path.dirname(fileURLToPath(import.meta.url)), '../locales/en.yml'))).map(
    (m) => [m.key.join('.'), m],
  ),
);

function t(key: string, ...args: Array<number | string[]>): string {
  // The locale an English browser reports (the file has only a placeholder for it).
  if (key === '@@ui_locale') return 'en';
  const message = messages.get(key);
  if (!message) throw new Error(`No message ${key}`);
  const count = args.find((a): a is number => typeof a === 'number');
  const subs = args.find((a): a is string[] => Array.isArray(a)) ?? [String(count)];
  const text =
    message.type === 'plural'
      ? ((count === 1 ? message.plurals['1'] : undefined) ?? message.plurals.n!)
      : message.message;
  return text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

export const i18n = { t };
