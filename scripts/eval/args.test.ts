// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from './args';
import { createProgress } from './progress';

describe('command line', () => {
  it('takes the key from OPENAI_API_KEY unless --api-key is given', () => {
    const parsed = parseCliArgs(
      ['--data', 'd.tsv', '--out', 'o', '--base-url', 'https://api.example.com/v1/', '--model', 'm'],
      {
        OPENAI_API_KEY: 'sk-env',
      },
    );
    expect(parsed).toMatchObject({
      kind: 'run',
      keyFrom: 'env',
      options: {
        data: 'd.tsv',
        out: 'o',
        provider: 'Custom',
        endpoint: { baseUrl: 'https://api.example.com/v1', apiKey: 'sk-env', model: 'm', timeoutMs: 60_000 },
        limit: null,
        seed: null,
        concurrency: 4,
        lang: null,
        injection: 0,
        selfCheck: false,
        prices: { inputPerMillion: 0, outputPerMillion: 0 },
        retries: 2,
      },
    });
    const explicit = parseCliArgs(
      ['--data', 'd', '--out', 'o', '--base-url', 'http://x/v1', '--model', 'm', '--api-key', 'sk-cli'],
      {
        OPENAI_API_KEY: 'sk-env',
      },
    );
    expect(explicit).toMatchObject({ keyFrom: 'flag', options: { endpoint: { apiKey: 'sk-cli' } } });
  });

  it('fills base URL and model from a provider preset, and reads every option', () => {
    const parsed = parseCliArgs(
      [
        '--data',
        'd',
        '--out',
        'o',
        '--provider',
        'openai',
        '--limit',
        '100',
        '--seed',
        '3',
        '--concurrency',
        '8',
        '--lang',
        'pt-BR',
        '--injection',
        '20',
        '--price-in',
        '0.15',
        '--price-out',
        '0.6',
        '--timeout',
        '90',
        '--retries',
        '0',
        '--format',
        'tsv',
        '--self-check',
      ],
      {},
    );
    expect(parsed).toMatchObject({
      kind: 'run',
      options: {
        provider: 'OpenAI',
        format: 'tsv',
        endpoint: {
          baseUrl: 'https://api.openai.com/v1',
          model: 'gpt-4o-mini',
          apiKey: '',
          timeoutMs: 90_000,
        },
        limit: 100,
        seed: 3,
        concurrency: 8,
        lang: 'pt-BR',
        injection: 20,
        selfCheck: true,
        prices: { inputPerMillion: 0.15, outputPerMillion: 0.6 },
        retries: 0,
      },
    });
  });

  it('says what is wrong with a command line', () => {
    const bad = (argv: string[]) => () => parseCliArgs(argv, {});
    expect(bad([])).toThrow(UsageError);
    expect(bad(['--data', 'd'])).toThrow('--out <dir> is required.');
    expect(bad(['--data', 'd', '--out', 'o'])).toThrow(/--base-url/);
    expect(bad(['--data', 'd', '--out', 'o', '--base-url', 'ftp://x'])).toThrow(/http\(s\)/);
    expect(bad(['--data', 'd', '--out', 'o', '--base-url', 'http://x/v1'])).toThrow('Give --model.');
    expect(bad(['--data', 'd', '--out', 'o', '--provider', 'nope'])).toThrow(/Unknown --provider "nope"/);
    expect(bad(['--data', 'd', '--out', 'o', '--provider', 'openai', '--limit', '0'])).toThrow(
      /--limit must be an integer ≥ 1/,
    );
    expect(bad(['--data', 'd', '--out', 'o', '--provider', 'openai', '--price-in', 'cheap'])).toThrow(
      /--price-in/,
    );
    expect(bad(['--data', 'd', '--out', 'o', '--provider', 'openai', '--format', 'csv'])).toThrow(/--format/);
    expect(bad(['--data', 'd', '--colour'])).toThrow(UsageError);
    expect(parseCliArgs(['--help'], {})).toEqual({ kind: 'help' });
  });
});

describe('progress', () => {
  it('prints plain lines every 5% when not on a terminal', () => {
    let text = '';
    let time = 0;
    const progress = createProgress({ write: (t) => void (text += t), isTTY: false }, 40, () => time);
    progress.start();
    for (let i = 0; i < 40; i++) {
      time += 500;
      progress.tick(i === 0 ? 'failed' : i === 1 ? 'malformed' : 'ok');
    }
    progress.finish();
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('eval: 40 rows to run');
    expect(lines).toHaveLength(21);
    expect(lines[1]).toBe('eval 2/40 (5%) · ok 0 · malformed 1 · failed 1 · 2.0 rows/s · ETA 19s');
    expect(lines.at(-1)).toBe('eval 40/40 (100%) · ok 38 · malformed 1 · failed 1 · 2.0 rows/s');
  });

  it('redraws one bar in place on a terminal', () => {
    let text = '';
    let time = 0;
    const progress = createProgress(
      { write: (t) => void (text += t), isTTY: true, columns: 120 },
      3,
      () => time,
    );
    progress.start();
    for (let i = 0; i < 3; i++) {
      time += 1000;
      progress.tick('ok');
    }
    progress.finish();
    expect(text.split('\r\x1b[2K')).toHaveLength(5); // start + 3 ticks
    expect(text).toMatch(/\[#{30}\] 3\/3 \(100%\) · ok 3 · malformed 0 · failed 0 · 1\.0 rows\/s\n$/);
    expect(text).not.toContain('\neval');
  });
});
