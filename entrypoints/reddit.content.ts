import { defineContentScript } from 'wxt/utils/define-content-script';
import { redditAdapter } from '@/utils/sites/reddit/adapter';
import { siteMatches } from '@/utils/sites/site-matches';
import { runFootnote } from './content/run-footnote';

export default defineContentScript({
  matches: siteMatches('reddit'),
  runAt: 'document_idle',
  main: (ctx) => runFootnote(ctx, [redditAdapter]),
});
