import { defineConfig } from 'wxt';
import { SITE_MATCHES } from './utils/sites/site-matches';

// Local model servers (Ollama, LM Studio) and the test server listen here.
const LOCAL_MODEL_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];

/**
 * Where the built-in sites serve a post's pictures, which the background fetches to send to the
 * model (utils/background/post-images.ts). Match patterns allow a wildcard only as a whole first
 * label, so Threads' and Facebook's scontent-… hosts take their CDN's domain. Another Mastodon
 * instance's media host is read once the reader grants it (popup or linked pages).
 */
const IMAGE_HOSTS = [
  'https://pbs.twimg.com/*', // X
  'https://cdn.bsky.app/*', // Bluesky
  'https://i.redd.it/*', // Reddit
  'https://preview.redd.it/*',
  'https://*.cdninstagram.com/*', // Threads
  'https://*.fbcdn.net/*', // Facebook
  'https://media.licdn.com/*', // LinkedIn
  // The Mastodon instances of utils/sites/site-matches.ts that serve media from a host of their own.
  'https://files.mastodon.social/*',
  'https://files.mastodon.online/*',
  'https://media.mstdn.social/*',
  'https://media.mas.to/*',
  'https://media.hachyderm.io/*',
  'https://cdn.fosstodon.org/*',
  'https://media.infosec.exchange/*',
  'https://media.troet.cafe/*',
];

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  imports: false,
  // The sources archive AMO asks for (`npm run zip:firefox`): what a reviewer needs to rebuild the
  // Firefox package (README, Release). WXT already leaves out dotfiles, node_modules, .output and
  // *.test/*.spec files; tests' helpers, fixtures, benchmarks, screenshots and test output go too.
  zip: {
    excludeSources: [
      'e2e/**',
      'test-support/**',
      'bench/**',
      'scripts/eval/**',
      '**/fixtures/**',
      'docs/screenshots/**',
      'docs/store/screenshots/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Footnote',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // WXT lists public/icon/<size>.png as `icons`, not as the toolbar button's: its own icon, at
    // 1× and 2×, rather than the browser's generic letter (MV2, Firefox's build: browser_action).
    [manifestVersion === 2 ? 'browser_action' : 'action']: {
      default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' },
    },
    // declarativeNetRequest keeps evidence fetches out of the reader's own network, redirects
    // included (utils/background/private-network-guard.ts); this variant adds no install warning.
    // contextMenus: "Footnote: check this post / the selected text"; activeTab lets that click
    // script the page it was made on, any page, for that tab only (neither warns at install).
    permissions: [
      'storage',
      'scripting',
      'tabs',
      'declarativeNetRequestWithHostAccess',
      'contextMenus',
      'activeTab',
    ],
    host_permissions: [...SITE_MATCHES, ...IMAGE_HOSTS, ...LOCAL_MODEL_HOSTS],
    // Remote model endpoints are whatever the user configures: asked for at save time.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // WXT drops that key from an MV2 manifest (the Firefox build) with nothing in its place, and
    // Firefox's permissions.request grants only origins listed as optional permissions.
    ...(manifestVersion === 2 ? { optional_permissions: ['https://*/*', 'http://*/*'] } : {}),
    commands: {
      'summarize-post': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Show the Footnote card for the post under the pointer (or focused, or centred)',
      },
      'summarize-visible': {
        suggested_key: { default: 'Alt+Shift+D' },
        description: 'Summarize the visible posts in one request',
      },
      'summarize-thread': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: 'Summarize the discussion on this page (a thread, or a post with its comments)',
      },
    },
    ...(browser === 'firefox'
      ? {
          // Firefox 124, desktop and Android: AbortSignal.any (evidence and transcript fetches) is
          // the newest thing Footnote needs; on Android also permissions.request (120),
          // declarativeNetRequest (113) and storage.session (115).
          browser_specific_settings: {
            gecko: {
              id: 'footnote@footnote.dev',
              strict_min_version: '124.0',
              // Firefox's built-in data consent (required for new add-ons on AMO): Footnote
              // collects nothing for its developers; post text goes only to the endpoint the
              // user configures. Firefox before 140 ignores the key.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '124.0' },
          },
        }
      : {}),
  }),
});
