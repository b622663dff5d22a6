import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * A module and what it imports as one classic script (production mode, minified), for a page or
 * the extension's service worker to evaluate: tests and benchmarks run product code in the
 * browser this way without a test hook in the product.
 */
export async function bundleScript(entry: string, name: string): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    resolve: { alias: { '@': ROOT } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: { write: false, minify: true, lib: { entry: path.resolve(ROOT, entry), formats: ['iife'], name } },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
  const chunk = chunks.find((c) => c.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`${entry} did not bundle`);
  return chunk.code;
}
