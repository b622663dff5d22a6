import type { PostListItem } from '../../utils/messaging/popup-protocol';

/** Display logic for the popup's post list: pure, no i18n (tested in post-format.test.ts). */

/** The states the chip shows (as text, with a matching colour). */
export type ChipKind = 'idle' | 'working' | 'done' | 'error' | 'nothing';

export function chipKind(status: PostListItem['status']): ChipKind {
  switch (status) {
    case 'idle':
      return 'idle';
    case 'loading':
    case 'streaming':
      return 'working';
    case 'done':
      return 'done';
    case 'error':
      return 'error';
    case 'nothing':
      return 'nothing';
  }
}

/** "@name" whether or not the site's handle already has the "@"; empty stays empty. */
export function formatHandle(handle: string): string {
  const trimmed = handle.trim();
  if (!trimmed) return '';
  return trimmed.startsWith('@') ? trimmed : `@${trimmed}`;
}

export const EXCERPT_MAX = 140;

/** A short one-line excerpt: whitespace collapsed, cut at a word boundary with "…". */
export function shortExcerpt(text: string, max = EXCERPT_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  const head = space > max * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,.;:!?-]+$/, '')}…`;
}
