import { defineContentScript } from 'wxt/utils/define-content-script';
import { youtubeAdapter } from '@/utils/sites/youtube/adapter';
import { siteMatches } from '@/utils/sites/site-matches';
import { runFootnote } from './content/run-footnote';

export default defineContentScript({
  matches: siteMatches('youtube'),
  runAt: 'document_idle',
  main: (ctx) => runFootnote(ctx, [youtubeAdapter]),
});
