import { defineContentScript } from 'wxt/utils/define-content-script';
import { genericAdapter } from '@/utils/sites/generic/adapter';
import { mastodonAdapter } from '@/utils/sites/mastodon/adapter';
import { runFootnote } from './content/run-footnote';

/**
 * Not in the manifest: registered at run time for the origins the user enabled from the popup
 * (utils/sites/dynamic-sites.ts). A self-hosted Mastodon is recognised by its document; anything
 * else gets the generic adapter (structured data, h-entry, articles with permalinks).
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  runAt: 'document_idle',
  main: (ctx) => runFootnote(ctx, [mastodonAdapter, genericAdapter]),
});
