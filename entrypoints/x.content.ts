import { defineContentScript } from 'wxt/utils/define-content-script';
import { xAdapter } from '@/utils/sites/x/adapter';
import { siteMatches } from '@/utils/sites/site-matches';
import { runFootnote } from './content/run-footnote';

export default defineContentScript({
  matches: siteMatches('x'),
  runAt: 'document_idle',
  main: (ctx) => runFootnote(ctx, [xAdapter]),
});
