// @vitest-environment node
/**
 * `npm run eval` as a user runs it: a separate Node process (vite-node, no vitest plugins, so no
 * fake browser APIs) loading the engine modules, talking to the local model server.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, DEFAULT_MODEL, DEFAULT_NOTE, ModelServer } from '../../e2e/model-server';
import type { Report } from './report';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const server = new ModelServer();
let dir = '';

beforeAll(async () => {
  await server.start();
  dir = await mkdtemp(join(tmpdir(), 'footnote-eval-cli-'));
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

function npmRunEval(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'eval', '--', ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run eval', () => {
  it(
    'runs from the command line with the key from OPENAI_API_KEY and writes the report',
    { timeout: 60_000 },
    async () => {
      const data = join(dir, 'claims.jsonl');
      await writeFile(
        data,
        ['Falso', 'Verdadeiro']
          .map((label, i) => JSON.stringify({ text: `Claim ${i}`, label, lang: 'pt' }))
          .join('\n'),
      );
      server.setDefault({ kind: 'note', note: { ...DEFAULT_NOTE, classification: 'false' } });
      const out = join(dir, 'out');
      const args = [
        '--data',
        data,
        '--out',
        out,
        '--base-url',
        server.baseUrl,
        '--model',
        DEFAULT_MODEL,
        '--injection',
        '1',
      ];
      const run = await npmRunEval(args, { OPENAI_API_KEY: DEFAULT_API_KEY });
      expect(run.stderr).toContain('eval 3/3 (100%) · ok 3 · malformed 0 · failed 0');
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('Note: sending the OPENAI_API_KEY environment variable to 127.0.0.1:');
      expect(run.stdout).toContain('3 rows: 3 valid notes, 0 malformed, 0 without an answer');
      expect(run.stdout).toContain('balanced accuracy 50.0%');
      const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
      expect(report.metrics.agreement.confusion.accurate.false).toBe(1);
      expect(await readFile(join(out, 'report.md'), 'utf8')).toContain(
        '# Footnote eval: footnote-test-model on claims.jsonl',
      );

      const wrongKey = await npmRunEval([...args, '--out', join(dir, 'out2')], {
        OPENAI_API_KEY: 'sk-wrong',
      });
      expect(wrongKey.code).toBe(1);
      expect(wrongKey.stderr).toContain('Stopped early:');
      expect(wrongKey.stderr).toContain('(401)');

      const usage = await npmRunEval(['--data', data], {});
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('--out <dir> is required.');
    },
  );
});
