// The content script runs on every page people scroll for hours: DESIGN.md §5 caps the code
// evaluated at page load at 30 KB gzipped. This fails the build that breaks it (an import that
// drags the openai SDK or the full zod API into the content script, say).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGETS = [{ file: '.output/chrome-mv3/content-scripts/content.js', maxGzipBytes: 30 * 1024 }];

let failed = false;
for (const { file, maxGzipBytes } of BUDGETS) {
  const size = gzipSync(readFileSync(file), { level: 9 }).length;
  const verdict = size <= maxGzipBytes ? 'ok' : 'OVER BUDGET';
  console.log(`${file}: ${(size / 1024).toFixed(1)} KB gzipped (budget ${maxGzipBytes / 1024} KB) ${verdict}`);
  if (size > maxGzipBytes) failed = true;
}
process.exit(failed ? 1 : 0);
