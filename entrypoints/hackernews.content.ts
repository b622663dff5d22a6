import { defineContentScript } from 'wxt/utils/define-content-script';
import { hackerNewsAdapter } from '@/utils/sites/hackernews/adapter';
import { siteMatches } from '@/utils/sites/site-matches';
import { runFootnote } from './content/run-footnote';

export default defineContentScript({
  matches: siteMatches('hackernews'),
  runAt: 'document_idle',
  main: (ctx) => runFootnote(ctx, [hackerNewsAdapter]),
});
