/**
 * The information panels YouTube shows under a video on its watch page (docs/SITES.md "Platform
 * context"; utils/sites/youtube/README.md): context on a topic from an outside source
 * (`ytd-info-panel-content-renderer`, e.g. on COVID-19 with a link to a health agency), a claim's
 * clarification (`ytd-clarification-renderer`, in `#clarify-box`) and a publisher's funding
 * (`ytd-info-panel-container-renderer`). They are about the video, so every comment under it
 * carries them. Their inner layout is not relied on: a panel's whole text is read, without controls.
 */
import type { PlatformContext } from '../../core/post';
import { platformContext } from '../platform-context';
import { readFlowText } from '../post-text';
import { linkTarget } from './link-target';

const WATCH_PAGE = 'ytd-watch-flexy';
const PANELS =
  'ytd-info-panel-content-renderer, ytd-clarification-renderer, ytd-info-panel-container-renderer';
/** Buttons, icons and images: no words of the panel's own. */
const CONTROLS = new Set([
  'BUTTON',
  'TP-YT-PAPER-BUTTON',
  'YTD-BUTTON-RENDERER',
  'YT-BUTTON-SHAPE',
  'YT-ICON',
  'IMG',
]);

/**
 * The panels are the page's, the same for every comment under the video: read once per task (a
 * frame's new comments, a hundred of a thread's), not once per comment, since finding them means
 * searching the whole watch page, comments included.
 */
let readThisTask: { page: Element; contexts: Array<PlatformContext | null> } | null = null;

/** The panels of the watch page the comment is on; none elsewhere (Shorts, community posts). */
export function infoPanels(comment: Element): Array<PlatformContext | null> {
  const page = comment.closest(WATCH_PAGE);
  if (page === null) return [];
  if (readThisTask?.page !== page) {
    readThisTask = { page, contexts: readPanels(page) };
    queueMicrotask(() => (readThisTask = null));
  }
  return readThisTask.contexts;
}

function readPanels(page: Element): Array<PlatformContext | null> {
  const contexts: Array<PlatformContext | null> = [];
  for (const panel of page.querySelectorAll(PANELS)) {
    // A panel inside another is read with it; a hidden one is left from an earlier video or empty.
    if (panel.parentElement?.closest(PANELS) || isHidden(panel, page)) continue;
    contexts.push(platformContext('info_panel', panelText(panel), sourceLink(panel)));
  }
  return contexts;
}

function panelText(panel: Element): string {
  return readFlowText(panel, {
    replaceElement: (el) => (CONTROLS.has(el.tagName) || el.hasAttribute('hidden') ? '' : undefined),
  });
}

/** The outside page the panel cites (through YouTube's `/redirect`), if it links one. */
function sourceLink(panel: Element): string | null {
  for (const link of panel.querySelectorAll('a[href]')) {
    const target = linkTarget(link);
    if (target !== null) return target;
  }
  return null;
}

function isHidden(panel: Element, page: Element): boolean {
  const hidden = panel.closest('[hidden]');
  return hidden !== null && page.contains(hidden);
}
