import { defineWebExtConfig } from 'wxt';

// The browser `npm run dev` opens. Chromium refuses to start as root with its sandbox on (common
// in containers and CI), and dev then dies with a bare ECONNRESET: as root only, turn it off.
export default defineWebExtConfig({
  chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
});
