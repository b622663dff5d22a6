import type { PopupPortMessage } from '../../utils/messaging/popup-protocol';
import type { PageState } from '../../components/popup/types';

/**
 * Pure logic of the popup: no browser calls, no i18n (tested in post-list.test.ts).
 */

/** The page as the popup shows it after one message its content script pushed. */
export function applyPageMessage(page: PageState, message: PopupPortMessage): PageState {
  if (message.type === 'page') return { kind: 'ready', ...message.list };
  // Changes follow the whole list on the same port: before it, there is nothing to change.
  if (page.kind !== 'ready') return page;
  switch (message.type) {
    case 'posts':
      return { ...page, posts: message.posts };
    case 'post':
      return {
        ...page,
        posts: page.posts.map((post) => (post.key === message.post.key ? message.post : post)),
      };
    case 'digest':
      return { ...page, digest: message.digest };
    case 'no-posts':
      return { ...page, noPosts: message.noPosts };
    case 'triage-pause':
      return { ...page, triagePause: message.triagePause };
    case 'thread':
      return { ...page, thread: message.thread };
  }
}
