import { describe, expect, it } from 'vitest';
import { decide, parseOsId, type PreflightFacts } from './browser-preflight.mjs';

const READY: PreflightFacts = {
  chromiumPath: '/usr/bin/chromium',
  fromEnv: false,
  hasChromium: true,
  hasPtBr: true,
  osId: 'debian',
  isRoot: false,
};

const APT = 'sudo apt-get update && sudo apt-get install -y chromium chromium-l10n';

describe('decide', () => {
  it('goes ahead when Chromium and its pt-BR resources are there', () => {
    expect(decide(READY)).toEqual({ action: 'ok' });
  });

  it('goes ahead with a build whose language layout it does not know', () => {
    expect(decide({ ...READY, chromiumPath: '/opt/cft/chrome', fromEnv: true, hasPtBr: null })).toEqual({
      action: 'ok',
    });
  });

  it("installs Debian's packages as root on Debian, whichever is missing", () => {
    const install = {
      action: 'install',
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', 'chromium', 'chromium-l10n'],
      ],
    };
    expect(decide({ ...READY, isRoot: true, hasChromium: false, hasPtBr: null })).toEqual(install);
    expect(decide({ ...READY, isRoot: true, hasPtBr: false })).toEqual(install);
  });

  it('gives the apt-get command when not root on Debian', () => {
    const decision = decide({ ...READY, hasPtBr: false });
    expect(decision.action).toBe('stop');
    if (decision.action !== 'stop') return;
    expect(decision.message).toContain('Chromium at /usr/bin/chromium has no Brazilian Portuguese resources');
    expect(decision.message).toContain(`Run: ${APT}`);
  });

  it('never runs apt-get for a CHROMIUM_PATH browser, even as root on Debian', () => {
    const decision = decide({
      ...READY,
      chromiumPath: '/opt/chromium/chrome',
      fromEnv: true,
      hasChromium: false,
      hasPtBr: null,
      isRoot: true,
    });
    expect(decision).toEqual({
      action: 'stop',
      message:
        'The browser tests need Chromium with its language packs, and there is no Chromium at ' +
        '/opt/chromium/chrome. Point CHROMIUM_PATH at a Chromium that has them, then run: ' +
        'CHROMIUM_PATH=/path/to/chromium npm test',
    });
  });

  it('stops with CHROMIUM_PATH advice on other systems, root or not', () => {
    for (const facts of [
      { osId: 'ubuntu', isRoot: true },
      { osId: 'fedora', isRoot: false },
      { osId: undefined, isRoot: false },
    ]) {
      const decision = decide({ ...READY, ...facts, hasChromium: false, hasPtBr: null });
      expect(decision).toEqual({
        action: 'stop',
        message:
          'The browser tests need Chromium with its language packs, and there is no Chromium at ' +
          '/usr/bin/chromium. Install Chromium (or Chrome for Testing) with its language packs, then run: ' +
          'CHROMIUM_PATH=/path/to/chromium npm test',
      });
    }
  });
});

describe('parseOsId', () => {
  it('reads ID, quoted or not, and not ID_LIKE or VERSION_ID', () => {
    expect(parseOsId('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_ID="12"\nID=debian\n')).toBe(
      'debian',
    );
    expect(parseOsId('ID_LIKE=debian\nID="ubuntu"\n')).toBe('ubuntu');
    expect(parseOsId('ID_LIKE=debian\n')).toBeUndefined();
    expect(parseOsId(undefined)).toBeUndefined();
  });
});
