import { defineContentScript } from 'wxt/utils/define-content-script';
import { mastodonAdapter } from '@/utils/sites/mastodon/adapter';
import { siteMatches } from '@/utils/sites/site-matches';
import { runFootnote } from './content/run-footnote';

export default defineContentScript({
  matches: siteMatches('mastodon'),
  runAt: 'document_idle',
  main: (ctx) => runFootnote(ctx, [mastodonAdapter]),
});
