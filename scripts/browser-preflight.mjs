// Runs before the browser tests (npm run test:e2e): checks that Chromium is where
// e2e/fixtures.ts starts it, with the Brazilian Portuguese resources e2e/pt-br.spec.ts needs.
// On Debian, as root, it installs what is missing; anywhere else it says what to run and stops,
// rather than letting Playwright fail later with a less useful error.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where e2e/fixtures.ts looks for Chromium when CHROMIUM_PATH is unset: Debian's package. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** Debian ships Chromium's languages other than English apart, in chromium-l10n. */
export const DEBIAN_PACKAGES = ['chromium', 'chromium-l10n'];
/** The language resource the pt-BR test needs (Chromium silently falls back to English without it). */
export const PT_BR_PAK = 'pt-BR.pak';

/** The ID field of /etc/os-release ('debian', 'ubuntu', …), or undefined. */
export function parseOsId(osRelease) {
  const match = /^ID=(?:"([^"]*)"|'([^']*)'|(\S*))\s*$/m.exec(osRelease ?? '');
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/**
 * What to do, from facts gathered by the caller (pure, so it is unit-tested):
 * { action: 'ok' }, { action: 'install', commands } (argv lists to run in order, then check
 * again) or { action: 'stop', message }.
 *
 * facts: chromiumPath (what the tests will start), fromEnv (it came from CHROMIUM_PATH),
 * hasChromium (an executable file is there), hasPtBr (true, false, or null when this build's
 * layout is unknown: builds other than Debian's carry every language), osId, isRoot.
 */
export function decide({ chromiumPath, fromEnv, hasChromium, hasPtBr, osId, isRoot }) {
  if (hasChromium && hasPtBr !== false) return { action: 'ok' };

  const lacking = hasChromium
    ? `Chromium at ${chromiumPath} has no Brazilian Portuguese resources (${PT_BR_PAK})`
    : `there is no Chromium at ${chromiumPath}`;
  const prefix = `The browser tests need Chromium with its language packs, and ${lacking}.`;

  // Debian's own Chromium: its packages are the fix.
  if (chromiumPath === DEFAULT_CHROMIUM && osId === 'debian') {
    if (isRoot) {
      return {
        action: 'install',
        commands: [
          ['apt-get', 'update', '-qq'],
          ['apt-get', 'install', '-y', '-qq', ...DEBIAN_PACKAGES],
        ],
      };
    }
    return {
      action: 'stop',
      message: `${prefix} Run: sudo apt-get update && sudo apt-get install -y ${DEBIAN_PACKAGES.join(' ')}`,
    };
  }

  // Elsewhere (Ubuntu's chromium is a snap, not a package apt can install) there is no single
  // command: any Chromium with all its languages will do, named by CHROMIUM_PATH.
  const fix = fromEnv
    ? 'Point CHROMIUM_PATH at a Chromium that has them'
    : 'Install Chromium (or Chrome for Testing) with its language packs';
  return { action: 'stop', message: `${prefix} ${fix}, then run: CHROMIUM_PATH=/path/to/chromium npm test` };
}

function isExecutableFile(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether Chromium has its pt-BR resources, or null when its layout is not one we know. */
function hasPtBrResources(chromiumPath) {
  const dirs = [path.join(path.dirname(realpathSync(chromiumPath)), 'locales')];
  // Debian's /usr/bin/chromium is a launcher script for /usr/lib/chromium/chromium.
  if (chromiumPath === DEFAULT_CHROMIUM) dirs.push('/usr/lib/chromium/locales');
  const locales = dirs.find((dir) => existsSync(dir));
  return locales ? existsSync(path.join(locales, PT_BR_PAK)) : null;
}

function gatherFacts() {
  const chromiumPath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  const hasChromium = isExecutableFile(chromiumPath);
  let osRelease = '';
  try {
    osRelease = readFileSync('/etc/os-release', 'utf8');
  } catch {
    // Not Linux, or a minimal system: osId stays undefined.
  }
  return {
    chromiumPath,
    fromEnv: !!process.env.CHROMIUM_PATH,
    hasChromium,
    hasPtBr: hasChromium ? hasPtBrResources(chromiumPath) : null,
    osId: parseOsId(osRelease),
    isRoot: process.getuid?.() === 0,
  };
}

function stop(message) {
  console.error(`browser preflight: ${message}`);
  process.exit(1);
}

function main() {
  let facts = gatherFacts();
  let decision = decide(facts);
  if (decision.action === 'install') {
    console.log(`browser preflight: installing ${DEBIAN_PACKAGES.join(' ')} with apt-get`);
    for (const [command, ...args] of decision.commands) {
      // apt's progress is noise in test logs; its errors (stderr) stay visible.
      const run = spawnSync(command, args, {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      if (run.status !== 0)
        stop(`\`${command} ${args.join(' ')}\` failed (${run.error?.message ?? `exit code ${run.status}`}).`);
    }
    facts = gatherFacts();
    decision = decide(facts);
    if (decision.action !== 'ok') {
      stop(`installed ${DEBIAN_PACKAGES.join(' ')}, but Chromium or its pt-BR resources are still missing.`);
    }
  }
  if (decision.action === 'stop') stop(decision.message);

  const version = spawnSync(facts.chromiumPath, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  const ptBr = facts.hasPtBr ? 'present' : 'not checked for this build';
  console.log(
    `browser preflight: ${version || 'Chromium'} at ${facts.chromiumPath}; pt-BR resources ${ptBr}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
