/**
 * Pages the content script runs on. Also granted as host permissions, so the background can
 * inject the lazily loaded card UI into them.
 */
export const SITE_MATCHES = ['https://x.com/*', 'https://twitter.com/*', 'https://mobile.x.com/*'];
