import { defineContentScript } from 'wxt/utils/define-content-script';
import { threadsAdapter } from '@/utils/sites/threads/adapter';
import { siteMatches } from '@/utils/sites/site-matches';
import { runFootnote } from './content/run-footnote';

export default defineContentScript({
  matches: siteMatches('threads'),
  runAt: 'document_idle',
  main: (ctx) => runFootnote(ctx, [threadsAdapter]),
});
