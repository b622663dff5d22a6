// The content scripts run on pages people scroll for hours: docs/ARCHITECTURE.md, Budgets caps the code
// evaluated at page load at 30 KB gzipped. This fails the build that breaks it (an import that
// drags the openai SDK, a JSON Schema generator or every site's adapter into a page, say).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIR = '.output/chrome-mv3/content-scripts';
const MAX_GZIP_BYTES = 30 * 1024;

let failed = false;
for (const name of readdirSync(DIR)
  .filter((f) => f.endsWith('.js'))
  .sort()) {
  const size = gzipSync(readFileSync(join(DIR, name)), { level: 9 }).length;
  const over = size > MAX_GZIP_BYTES;
  console.log(
    `${name.padEnd(20)} ${(size / 1024).toFixed(1).padStart(5)} KB gzipped${over ? '  OVER the 30 KB budget' : ''}`,
  );
  failed ||= over;
}
process.exit(failed ? 1 : 0);
