import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { ThreadPanel, type ThreadPanelProps } from '@/components/thread/ThreadPanel';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';
import { HOST_GAP, ShadowHost } from '../content/shadow-host';
import { attachHost, pageTheme } from './host-page';
import { followViewport } from './sheet-layout';
import { adoptStyles } from './stylesheet';

const PANEL_WIDTH = 400;

/**
 * Where the thread panel is on the page: a host like the card's, fixed near the top of the
 * viewport on the right, as tall as the viewport allows (the panel scrolls inside). Fixed, not in
 * the page's flow: X and Bluesky position their timeline cells absolutely, so a panel inserted
 * among them would overlap posts. On a narrow viewport it is a bottom sheet like the card's.
 */
export class ThreadPanelHost {
  private readonly host = new ShadowHost('footnote-thread', PANEL_WIDTH);
  private readonly root: Root;
  /** Where focus was when the panel took it: it goes back there when the panel closes. */
  private returnFocus: Element | null = null;
  private readonly stopFollowingViewport = followViewport(this.host.element);

  constructor() {
    const style = this.host.element.style;
    style.setProperty('top', `${HOST_GAP}px`);
    style.setProperty('right', `${HOST_GAP}px`);
    adoptStyles(this.host.shadow);
    this.root = createRoot(this.host.shadow);
  }

  get isOpen(): boolean {
    return this.host.isOpen;
  }

  /** Shows the panel (in the site's theme) and moves focus into it. */
  open(props: ThreadPanelProps): void {
    const { element } = this.host;
    if (!this.isOpen) {
      // The theme behind the thread's posts, else behind the page.
      element.dataset.theme = pageTheme(document.querySelector(`[${POST_ATTRIBUTE}]`) ?? document.body);
      if (!element.isConnected) attachHost(element);
      this.host.show(true);
    }
    this.render(props);
    const active = document.activeElement;
    if (!this.host.contains(active)) this.returnFocus = active;
    this.host.shadow.querySelector<HTMLElement>('[role="region"]')?.focus();
  }

  /** Paints what the panel shows now, while it is open. */
  render(props: ThreadPanelProps): void {
    if (!this.isOpen) return;
    flushSync(() => this.root.render(<ThreadPanel {...props} />));
  }

  /** Hides the panel; focus goes back where it was when it was inside the panel. */
  close(): void {
    if (!this.isOpen) return;
    const hadFocus = this.host.contains(document.activeElement);
    this.host.show(false);
    this.root.render(null);
    const back = this.returnFocus;
    this.returnFocus = null;
    if (hadFocus && back instanceof HTMLElement && back.isConnected) back.focus();
  }

  /** Takes the panel off the page (Footnote stopped there). */
  remove(): void {
    this.stopFollowingViewport();
    this.root.unmount();
    this.host.element.remove();
  }
}
