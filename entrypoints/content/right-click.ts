import { i18n } from '#i18n';
import { noteError } from '@/utils/core/note-error';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';
import type { CardController } from './card-controller';

/**
 * Remembers what the reader last right-clicked, for the context menu's "Footnote: check this
 * post" (the menu's click reaches the page later, without it): one passive listener that keeps
 * the target alone, weakly, so an element the page removes is not held.
 */
export function trackRightClick(signal: AbortSignal): () => Element | null {
  let target: WeakRef<Element> | null = null;
  document.addEventListener(
    'contextmenu',
    (event) => {
      target = event.target instanceof Element ? new WeakRef(event.target) : null;
    },
    { capture: true, passive: true, signal },
  );
  return () => target?.deref() ?? null;
}

/**
 * "Footnote: check this post": opens the card of the post `target` is in, as the summarize-post
 * shortcut does (pinned, focused); where no post is, the card says so beside what was clicked.
 * Answers whether there was a post.
 */
export function checkRightClickedPost(card: CardController, target: Element | null): boolean {
  const root = target?.isConnected ? target.closest(`[${POST_ATTRIBUTE}]`) : null;
  if (root) card.open(root, true);
  else
    card.explain(
      target?.isConnected ? target : document.body,
      noteError('invalid_request', i18n.t('contextMenu.noPost')),
    );
  return root !== null;
}
