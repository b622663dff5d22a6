import { describe, expect, it } from 'vitest';
import { noDisplayMessage } from './dev.mjs';

describe('noDisplayMessage', () => {
  it('lets dev start where a browser window can open', () => {
    expect(noDisplayMessage([], { DISPLAY: ':0' }, 'linux')).toBeNull();
    expect(noDisplayMessage([], { WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBeNull();
    expect(noDisplayMessage([], {}, 'darwin')).toBeNull();
    expect(noDisplayMessage([], {}, 'win32')).toBeNull();
  });

  it('says what to run instead on Linux without a display', () => {
    expect(noDisplayMessage([], {}, 'linux')).toBe(
      'npm run dev opens a browser, and there is no display here (DISPLAY and WAYLAND_DISPLAY are ' +
        'unset): run `npm run build` and load `.output/chrome-mv3/` unpacked, or run ' +
        '`xvfb-run -a npm run dev`.',
    );
  });

  it('names the Firefox build for dev:firefox', () => {
    for (const args of [['-b', 'firefox'], ['--browser', 'firefox'], ['--browser=firefox']]) {
      expect(noDisplayMessage(args, { DISPLAY: '' }, 'linux')).toContain(
        'run `npm run build:firefox` and load `.output/firefox-mv2/manifest.json` as a temporary ' +
          'add-on, or run `xvfb-run -a npm run dev:firefox`',
      );
    }
  });
});
