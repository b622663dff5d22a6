// Does the sources archive AMO asks for rebuild the Firefox package? Unpacks it into a temporary
// folder, installs the locked dependencies there (npm ci), builds for Firefox as a reviewer would,
// and compares every file of that build with the Firefox archive's, by name and SHA-256. Run it
// after `npm run zip:firefox` (README, Release); it takes minutes, so npm test does not.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readZip, releaseArchives } from './release-archives.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { firefox, sources } = releaseArchives(ROOT);
for (const archive of [firefox, sources]) {
  if (!existsSync(archive)) fail(`${relative(ROOT, archive)} is missing: run npm run zip:firefox first.`);
}

const dir = mkdtempSync(join(tmpdir(), 'footnote-sources-'));
console.log(`Unpacking ${relative(ROOT, sources)} into ${dir}`);
for (const [name, content] of readZip(sources)) {
  const target = join(dir, name);
  if (relative(dir, target).startsWith('..')) fail(`${name}: a path outside the archive's folder`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
}
run('npm', ['ci', '--no-audit', '--no-fund']);
run('npx', ['wxt', 'build', '-b', 'firefox']);

const expected = hashes(readZip(firefox));
const rebuilt = hashes(readTree(join(dir, '.output', 'firefox-mv2')));
const differences = [
  ...[...expected.keys()]
    .filter((name) => !rebuilt.has(name))
    .map((name) => `missing from the rebuild: ${name}`),
  ...[...rebuilt.keys()].filter((name) => !expected.has(name)).map((name) => `only in the rebuild: ${name}`),
  ...[...expected]
    .filter(([name, hash]) => rebuilt.has(name) && rebuilt.get(name) !== hash)
    .map(([name]) => `differs: ${name}`),
];
if (differences.length > 0) {
  for (const line of differences) console.error(line);
  fail(
    `${differences.length} difference(s) between ${relative(ROOT, firefox)} and its rebuild (kept in ${dir})`,
  );
}
rmSync(dir, { recursive: true, force: true });
console.log(
  `The sources archive rebuilds ${relative(ROOT, firefox)} exactly: ${expected.size} files, same SHA-256.`,
);

/** Runs a command in the unpacked sources, its output shown; stops at the first failure. */
function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const { status } = spawnSync(command, args, { cwd: dir, stdio: 'inherit' });
  if (status !== 0) fail(`${command} ${args.join(' ')} failed in ${dir}`);
}

/** Every file under a folder, by its path inside it ('/'-separated, as in a ZIP). */
function readTree(base, at = base, files = new Map()) {
  for (const entry of readdirSync(at, { withFileTypes: true })) {
    const path = join(at, entry.name);
    if (entry.isDirectory()) readTree(base, path, files);
    else files.set(relative(base, path).split('\\').join('/'), readFileSync(path));
  }
  return files;
}

function hashes(files) {
  return new Map(
    [...files].map(([name, content]) => [name, createHash('sha256').update(content).digest('hex')]),
  );
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
