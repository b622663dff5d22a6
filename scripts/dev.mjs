// `npm run dev`: WXT's dev server, which also opens a browser with the extension loaded. With
// no display that browser cannot start and WXT dies with a bare ECONNRESET, so say why first.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The one-line explanation when no browser window can open here, or null when one can. */
export function noDisplayMessage(args, env, platform) {
  if (platform !== 'linux' || env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  const firefox = args.some(
    (arg, i) => arg === '--browser=firefox' || (/^(-b|--browser)$/.test(arg) && args[i + 1] === 'firefox'),
  );
  const [dev, build] = firefox
    ? [
        'npm run dev:firefox',
        '`npm run build:firefox` and load `.output/firefox-mv2/manifest.json` as a temporary add-on',
      ]
    : ['npm run dev', '`npm run build` and load `.output/chrome-mv3/` unpacked'];
  return `${dev} opens a browser, and there is no display here (DISPLAY and WAYLAND_DISPLAY are unset): run ${build}, or run \`xvfb-run -a ${dev}\`.`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const message = noDisplayMessage(process.argv.slice(2), process.env, process.platform);
  if (message) {
    console.error(message);
    process.exit(1);
  }
  // WXT's own command line, in this process: it reads the same arguments from process.argv.
  await import(new URL('../bin/wxt.mjs', import.meta.resolve('wxt')).href);
}
