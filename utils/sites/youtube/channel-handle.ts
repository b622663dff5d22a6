import { SHORT_TEXT_MAX } from '../../core/post';
import { clip } from '../post-fields';

const HANDLE_HREF = /^\/@([\w.\-%]{1,100})$/;

/**
 * The handle a channel link carries (`/@handle`), without the "@"; '' for links by channel id
 * (`/channel/UC…`: 2022 pages, channels without a handle).
 */
export function linkedHandle(link: Element): string {
  const raw = HANDLE_HREF.exec(link.getAttribute('href') ?? '')?.[1];
  return raw ? clip(decodeHandle(raw), SHORT_TEXT_MAX) : '';
}

/** Handles may hold non-ASCII letters, percent-encoded in the link. */
function decodeHandle(raw: string): string {
  return new URLSearchParams(`h=${raw.replace(/\+/g, '%2B')}`).get('h') ?? raw;
}
