import { defineContentScript } from 'wxt/utils/define-content-script';
import { blueskyAdapter } from '@/utils/sites/bluesky/adapter';
import { siteMatches } from '@/utils/sites/site-matches';
import { runFootnote } from './content/run-footnote';

export default defineContentScript({
  matches: siteMatches('bluesky'),
  runAt: 'document_idle',
  main: (ctx) => runFootnote(ctx, [blueskyAdapter]),
});
