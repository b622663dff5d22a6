import {
  CARD_UI_GLOBAL,
  type CardActions,
  type CardModel,
  type CardUi,
} from '@/components/card/card-contract';
import { detectTheme } from '@/components/card/theme';
import { sendToBackground } from '@/utils/messaging/content-client';

const CARD_WIDTH = 380;
const GAP = 8;

/**
 * The one card of the page: a host element with an open shadow root, positioned next to the
 * post. The React UI is not in the content script bundle; the background injects it into this
 * frame's isolated world on first use (keeps page-load cost small, and pages cannot fetch it).
 */
export class CardHost {
  readonly element: HTMLElement;
  private readonly shadow: ShadowRoot;
  /** The UI once loaded: from then on a render paints in the task that asked for it. */
  private ui: CardUi | null = null;
  private loading: Promise<CardUi> | null = null;
  /** The anchor the theme was last read for: read again only when the card opens elsewhere. */
  private themedFor: Element | null = null;
  private removed = false;

  constructor() {
    this.element = document.createElement('footnote-card');
    this.shadow = this.element.attachShadow({ mode: 'open' });
    // Styled via CSSOM, which page CSPs allow (no inline style attribute is parsed).
    const style = this.element.style;
    style.setProperty('position', 'fixed');
    style.setProperty('z-index', '2147483647');
    style.setProperty('width', `${CARD_WIDTH}px`);
    style.setProperty('max-width', `calc(100vw - ${2 * GAP}px)`);
    style.setProperty('display', 'none');
    // Keys pressed in the card are not the site's shortcuts; stopped once the card handled them.
    this.element.addEventListener('keydown', (event) => event.stopPropagation());
  }

  get isOpen(): boolean {
    return this.element.style.display !== 'none';
  }

  contains(node: EventTarget | null): boolean {
    return (
      node instanceof Node &&
      (node === this.element || this.element.contains(node) || this.shadow.contains(node))
    );
  }

  /** Takes the card off the page (Footnote stopped there). */
  remove(): void {
    this.removed = true;
    this.element.remove();
  }

  /** Focuses the dialog (for pinned cards and keyboard users). */
  focus(): void {
    this.shadow.querySelector<HTMLElement>('[role="dialog"]')?.focus();
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
    return this.loadUi().then((ui) => this.paint(ui, model, actions, anchor));
  }

  private paint(ui: CardUi, model: CardModel | null, actions: CardActions, anchor: Element | null): void {
    if (this.removed) return; // Footnote stopped on the page (while the UI was loading, say)
    if (model && !this.element.isConnected) hostParent().append(this.element);
    if (model && anchor && (anchor !== this.themedFor || !this.isOpen)) {
      // Before the card paints, so it never flashes in the wrong palette.
      this.element.dataset.theme = pageTheme(anchor);
      this.themedFor = anchor;
    }
    ui.render(this.shadow, model, actions);
    this.element.style.setProperty('display', model ? 'block' : 'none');
    if (model && anchor) this.place(anchor);
  }

  /**
   * Beside the post when there is room, else below or above it, so the card does not cover the
   * post's text; only when nothing fits does it cover the post, at the viewport's right edge
   * where left-aligned text is thinnest.
   */
  private place(anchor: Element): void {
    const post = (anchor.closest('[data-footnote-post]') ?? anchor).getBoundingClientRect();
    const badge = anchor.getBoundingClientRect();
    const width = Math.min(CARD_WIDTH, window.innerWidth - 2 * GAP);
    const height = this.element.offsetHeight;
    const fitsX = (left: number) => left >= GAP && left + width <= window.innerWidth - GAP;
    const fitsY = (top: number) => top >= GAP && top + height <= window.innerHeight - GAP;
    const candidates = [
      { left: post.right + GAP, top: badge.top, fits: fitsX(post.right + GAP) },
      { left: post.left - GAP - width, top: badge.top, fits: fitsX(post.left - GAP - width) },
      { left: badge.left, top: post.bottom + GAP, fits: fitsY(post.bottom + GAP) },
      { left: badge.left, top: post.top - GAP - height, fits: fitsY(post.top - GAP - height) },
    ];
    const chosen = candidates.find((c) => c.fits) ?? {
      left: window.innerWidth - width - GAP,
      top: badge.bottom + GAP,
    };
    const left = clamp(chosen.left, GAP, window.innerWidth - width - GAP);
    const top = clamp(chosen.top, GAP, window.innerHeight - height - GAP);
    this.element.style.setProperty('left', `${Math.round(left)}px`);
    this.element.style.setProperty('top', `${Math.round(top)}px`);
  }

  private loadUi(): Promise<CardUi> {
    this.loading ??= (async () => {
      await sendToBackground({ type: 'card-ui:load' });
      const ui = (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] as CardUi | undefined;
      if (!ui) throw new Error('The Footnote card could not be loaded.');
      adoptStyles(this.shadow, ui.css);
      return ui;
    })();
    this.loading.then(
      (ui) => (this.ui = ui),
      () => (this.loading = null), // let the next open try again
    );
    return this.loading;
  }
}

/**
 * In <body>, where content belongs (tools that read the page, axe-core among them, look only
 * there), unless the body would become the containing block of a fixed element (a transform,
 * filter or containment on it) and misplace the card: then on the root element.
 */
function hostParent(): Element {
  const body = document.body;
  if (!body) return document.documentElement;
  const style = getComputedStyle(body);
  const trapsFixed =
    style.transform !== 'none' ||
    style.perspective !== 'none' ||
    style.filter !== 'none' ||
    style.backdropFilter !== 'none' ||
    /paint|layout|strict|content/.test(style.contain) ||
    /transform|perspective|filter/.test(style.willChange);
  return trapsFixed ? document.documentElement : body;
}

/**
 * The site's theme behind the post (light, dim or dark): the computed background colours from
 * the post outwards decide, the system preference only when all are transparent. Read when the
 * card opens, not on every streamed update.
 */
function pageTheme(anchor: Element): string {
  const backgrounds: string[] = [];
  for (let el: Element | null = anchor; el; el = el.parentElement) {
    backgrounds.push(getComputedStyle(el).backgroundColor);
  }
  return detectTheme(backgrounds, window.matchMedia('(prefers-color-scheme: dark)').matches);
}

function adoptStyles(shadow: ShadowRoot, css: string): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  shadow.adoptedStyleSheets = [sheet];
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, Math.max(min, max)));
}
