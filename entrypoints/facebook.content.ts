import { defineContentScript } from 'wxt/utils/define-content-script';
import { facebookAdapter } from '@/utils/sites/facebook/adapter';
import { siteMatches } from '@/utils/sites/site-matches';
import { runFootnote } from './content/run-footnote';

export default defineContentScript({
  matches: siteMatches('facebook'),
  runAt: 'document_idle',
  main: (ctx) => runFootnote(ctx, [facebookAdapter]),
});
