import { defineContentScript } from 'wxt/utils/define-content-script';
import { linkedInAdapter } from '@/utils/sites/linkedin/adapter';
import { siteMatches } from '@/utils/sites/site-matches';
import { runFootnote } from './content/run-footnote';

export default defineContentScript({
  matches: siteMatches('linkedin'),
  runAt: 'document_idle',
  main: (ctx) => runFootnote(ctx, [linkedInAdapter]),
});
