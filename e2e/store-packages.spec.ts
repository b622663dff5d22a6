import { execFile } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test, type TestInfo } from '@playwright/test';
import { readZip, releaseArchives } from '../scripts/release-archives.mjs';

// The store packages, made as a release makes them (README, Release): `npm run zip` and
// `npm run zip:firefox` from a clean build. Each archive's contents are attached to the report.
// That the sources archive rebuilds the Firefox package is `npm run check:sources` (minutes: npm ci).

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const execFileAsync = promisify(execFile);

/** Files the sources archive must leave out (wxt.config.ts, zip.excludeSources, and WXT's own). */
const LOCAL_OR_TEST_ONLY = [
  /(^|\/)\./, // dotfiles: .output, .wxt, .env…
  /(^|\/)node_modules\//,
  /^(e2e|test-support|bench|test-results|playwright-report)\//,
  /^docs\/(store\/)?screenshots\//,
  /\/fixtures\//,
  /\.(test|spec)\.tsx?$/,
];

interface Manifest {
  version: string;
  manifest_version: number;
  default_locale: string;
  icons?: Record<string, string>;
  action?: { default_popup?: string; default_icon?: string | Record<string, string> };
  browser_action?: Manifest['action'];
  options_ui?: { page: string };
  background?: { service_worker?: string; scripts?: string[] };
  content_scripts?: { js?: string[]; css?: string[] }[];
  browser_specific_settings?: { gecko?: { id?: string } };
}

/** Every file the manifest names, which the archive must hold for the extension to load. */
function filesNamedBy(manifest: Manifest): string[] {
  const action = manifest.action ?? manifest.browser_action;
  const icon = action?.default_icon;
  return [
    ...Object.values(manifest.icons ?? {}),
    ...(typeof icon === 'string' ? [icon] : Object.values(icon ?? {})),
    action?.default_popup,
    manifest.options_ui?.page,
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    ...(manifest.content_scripts ?? []).flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]),
    `_locales/${manifest.default_locale}/messages.json`,
  ]
    .filter((file): file is string => !!file)
    .map((file) => file.replace(/^\//, ''));
}

/** Attaches the archive's file list, with its size, to the test's report. */
async function attachListing(testInfo: TestInfo, archive: string, files: Map<string, Buffer>): Promise<void> {
  const lines = [...files].map(([name, content]) => `${String(content.length).padStart(9)}  ${name}`);
  const title = `${archive.split('/').pop()} (${statSync(archive).size} bytes, ${files.size} files)`;
  console.log(title);
  await testInfo.attach(title, { body: lines.join('\n'), contentType: 'text/plain' });
}

test('npm run zip and zip:firefox write the Chrome, Firefox and sources archives', async ({}, testInfo) => {
  // Two production builds: minutes on a loaded two-core machine.
  test.setTimeout(600_000);
  const archives = releaseArchives(ROOT);
  for (const archive of [archives.chrome, archives.firefox, archives.sources])
    rmSync(archive, { force: true });
  await execFileAsync('npm', ['run', 'zip'], { cwd: ROOT });
  await execFileAsync('npm', ['run', 'zip:firefox'], { cwd: ROOT });

  const chrome = readZip(archives.chrome);
  const chromeManifest = JSON.parse(chrome.get('manifest.json')!.toString()) as Manifest;
  expect(chromeManifest).toMatchObject({ manifest_version: 3, version: archives.version });
  expect(filesNamedBy(chromeManifest).filter((file) => !chrome.has(file))).toEqual([]);
  await attachListing(testInfo, archives.chrome, chrome);

  const firefox = readZip(archives.firefox);
  const firefoxManifest = JSON.parse(firefox.get('manifest.json')!.toString()) as Manifest;
  expect(firefoxManifest).toMatchObject({ manifest_version: 2, version: archives.version });
  expect(firefoxManifest.browser_specific_settings?.gecko?.id).toBe('footnote@footnote.dev');
  expect(filesNamedBy(firefoxManifest).filter((file) => !firefox.has(file))).toEqual([]);
  await attachListing(testInfo, archives.firefox, firefox);

  // What a reviewer needs to rebuild, and none of the local or test-only files.
  const sources = readZip(archives.sources);
  const names = [...sources.keys()];
  for (const file of [
    'package.json',
    'package-lock.json',
    'wxt.config.ts',
    'tsconfig.json',
    'README.md',
    'entrypoints/background.ts',
    'locales/en.yml',
    'locales/pt_BR.yml',
    'locales/es.yml',
  ]) {
    expect(names, file).toContain(file);
  }
  expect(JSON.parse(sources.get('package.json')!.toString())).toMatchObject({ version: archives.version });
  expect(names.filter((name) => LOCAL_OR_TEST_ONLY.some((pattern) => pattern.test(name)))).toEqual([]);
  await attachListing(testInfo, archives.sources, sources);
});
