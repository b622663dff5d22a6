import type { CardActions, CardModel } from '@/components/card/card-contract';
import { loadPageUi, type PageUi } from './page-ui';
import { ShadowHost } from './shadow-host';

const CARD_WIDTH = 380;

/**
 * The one card of the page, positioned next to the post. The React UI is not in the content
 * script bundle; it is loaded on first use (loadPageUi), and so are the card's theme and
 * placement, which only a painted card needs.
 */
export class CardHost {
  private readonly host = new ShadowHost('footnote-card', CARD_WIDTH);
  /** The UI once loaded: from then on a render paints in the task that asked for it. */
  private ui: PageUi | null = null;
  /** The anchor the theme was last read for: read again only when the card opens elsewhere. */
  private themedFor: Element | null = null;
  private removed = false;

  get isOpen(): boolean {
    return this.host.isOpen;
  }

  contains(node: EventTarget | null): boolean {
    return this.host.contains(node);
  }

  /** Takes the card off the page (Footnote stopped there). */
  remove(): void {
    this.removed = true;
    this.host.element.remove();
  }

  /** Focuses the dialog (for pinned cards and keyboard users). */
  focus(): void {
    this.host.shadow.querySelector<HTMLElement>('[role="dialog"]')?.focus();
  }

  /**
   * Renders the card: at once when the UI is loaded (so a note the page holds paints in the
   * click's own task), else once it has loaded. Resolves when rendered.
   */
  render(model: CardModel | null, actions: CardActions, anchor: Element | null): Promise<void> {
    if (this.ui) {
      this.paint(this.ui, model, actions, anchor);
      return Promise.resolve();
    }
    return loadPageUi().then((ui) => {
      if (!this.ui) ui.adoptStyles(this.host.shadow);
      this.ui = ui;
      this.paint(ui, model, actions, anchor);
    });
  }

  private paint(ui: PageUi, model: CardModel | null, actions: CardActions, anchor: Element | null): void {
    if (this.removed) return; // Footnote stopped on the page (while the UI was loading, say)
    const { element, shadow } = this.host;
    if (model && !element.isConnected) ui.attach(element);
    if (model && anchor && (anchor !== this.themedFor || !this.isOpen)) {
      // Before the card paints, so it never flashes in the wrong palette.
      element.dataset.theme = ui.theme(anchor);
      this.themedFor = anchor;
    }
    ui.render(shadow, model, actions);
    this.host.show(model !== null);
    if (model && anchor) ui.place(element, anchor);
  }
}
