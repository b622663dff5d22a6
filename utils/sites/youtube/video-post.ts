/**
 * The watch page's video as a post (issue #17; utils/sites/youtube/README.md "The video"): its
 * title, channel and description, read from the metadata block under the player. 2023+:
 * `ytd-watch-metadata` holds all three. 2022: `ytd-video-primary-info-renderer` holds the title,
 * and the channel and description sit beside it in `ytd-video-secondary-info-renderer`, found
 * through the watch page (that layout also keeps an empty, hidden `ytd-watch-metadata`).
 *
 * The id is the metadata's own `video-id`, else the watch page's (`ytd-watch-flexy[video-id]`;
 * the 2022 layout has only that one): YouTube keeps these elements across
 * in-app navigations and swaps their data, so it is read afresh every time. The page shows only
 * "3 weeks ago" or "Premiered 77 minutes ago", so `time` is null.
 */
import { POST_TEXT_MAX, SHORT_TEXT_MAX, type Post } from '../../core/post';
import { VIDEO_ID } from '../../core/video';
import { readText } from '../dom-text';
import { withPlatformContext } from '../platform-context';
import { clip } from '../post-fields';
import { readPostText, textPostFields } from '../post-text';
import type { BadgeAnchor } from '../site-adapter';
import { linkedHandle } from './channel-handle';
import { infoPanels } from './info-panel';
import { linkTarget } from './link-target';

const WATCH_PAGE = 'ytd-watch-flexy';
const METADATA_2023 = 'YTD-WATCH-METADATA';
const PRIMARY_INFO_2022 = 'YTD-VIDEO-PRIMARY-INFO-RENDERER';
/** Post roots that are the video rather than a comment. */
export const VIDEO_ROOT = 'ytd-watch-metadata, ytd-video-primary-info-renderer';
const SECONDARY_INFO_2022 = 'ytd-video-secondary-info-renderer';

const TITLE = '[id="title"] h1, h1.title';
const OWNER = 'ytd-video-owner-renderer, [id="owner"]';
const CHANNEL_LINK = '[id="channel-name"] a[href]';
const DESCRIPTION = '[id="description"], ytd-text-inline-expander';
/**
 * The description's own text, without the views and date shown above it: the snippet (the whole
 * text, clamped by CSS until "…more"), its plain variant, the expanded copy, 2022's string.
 */
const DESCRIPTION_TEXT = [
  '[id="attributed-snippet-text"]',
  '[id="plain-snippet-text"]',
  '[id="expanded"] yt-attributed-string',
  'yt-formatted-string.content',
];

export function isVideoRoot(root: Element): boolean {
  return root.tagName === METADATA_2023 || root.tagName === PRIMARY_INFO_2022;
}

interface ShownVideo {
  id: string;
  page: Element;
  title: Element;
}

/** The video a root shows: its page's id and a title with words. One closest, one scoped query. */
function shownVideo(root: Element): ShownVideo | null {
  if (root.hasAttribute('hidden')) return null; // 2022's unused ytd-watch-metadata
  const page = root.closest(WATCH_PAGE);
  // The metadata's own id first: a change of it is a mutation of the root the observer sees.
  const id = root.getAttribute('video-id') ?? page?.getAttribute('video-id') ?? '';
  const title = root.querySelector(TITLE);
  if (!page || !VIDEO_ID.test(id) || title === null || titleText(title) === '') return null;
  return { id, page, title };
}

export function videoPostId(root: Element): string | null {
  return shownVideo(root)?.id ?? null;
}

export function extractVideoPost(root: Element): Post | null {
  const video = shownVideo(root);
  if (video === null) return null;
  const details = root.tagName === PRIMARY_INFO_2022 ? video.page.querySelector(SECONDARY_INFO_2022) : root;
  const description = readPostText(details && descriptionOf(details), { flow: false, linkTarget });
  const full = [titleText(video.title), description.text].filter((part) => part !== '').join('\n\n');
  const text = clip(full, POST_TEXT_MAX);
  const post: Post = {
    site: 'youtube',
    id: video.id,
    url: `https://www.youtube.com/watch?v=${video.id}`,
    author: channelOf(details),
    time: null,
    ...textPostFields({ text, links: description.links, clipped: text.length < full.length }),
    media: { imageAlts: [], hasVideo: true },
    video: { id: video.id },
    replyTo: [],
  };
  return withPlatformContext(post, infoPanels(root));
}

/** Right after the title's heading, beside the title. */
export function videoBadgeAnchor(root: Element): BadgeAnchor | null {
  const title = shownVideo(root)?.title;
  const parent = title?.parentElement;
  if (!title || !parent || !root.contains(parent)) return null;
  return { parent, before: title.nextSibling };
}

function titleText(title: Element): string {
  return readText(title).replace(/\s+/g, ' ');
}

/** The channel as shown: its name, and the handle its link carries. */
function channelOf(details: Element | null): Post['author'] {
  const link = details?.querySelector(OWNER)?.querySelector(CHANNEL_LINK);
  if (!link) return { name: '', handle: '' };
  return { name: clip(readText(link), SHORT_TEXT_MAX), handle: linkedHandle(link) };
}

function descriptionOf(details: Element): Element | null {
  const box = details.querySelector(DESCRIPTION);
  if (box === null) return null;
  for (const selector of DESCRIPTION_TEXT) {
    const text = box.querySelector(selector);
    if (text !== null && !text.hasAttribute('hidden') && (text.textContent ?? '').trim() !== '') return text;
  }
  return null;
}
