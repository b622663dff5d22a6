/** Space kept between a Footnote host and the viewport's edges. */
export const HOST_GAP = 8;

/**
 * A Footnote element on the page (the card, the thread panel): a custom element with an open
 * shadow root (tests and assistive technology reach in; the page's CSS does not), fixed above
 * the page, hidden until shown. What it shows and where is up to its owner.
 */
export class ShadowHost {
  readonly element: HTMLElement;
  readonly shadow: ShadowRoot;

  constructor(tagName: string, width: number) {
    this.element = document.createElement(tagName);
    this.shadow = this.element.attachShadow({ mode: 'open' });
    // Styled via CSSOM, which page CSPs allow (no inline style attribute is parsed).
    const style = this.element.style;
    style.setProperty('position', 'fixed');
    style.setProperty('z-index', '2147483647');
    style.setProperty('width', `${width}px`);
    style.setProperty('max-width', `calc(100vw - ${2 * HOST_GAP}px)`);
    style.setProperty('display', 'none');
    // Keys pressed in it are not the site's shortcuts; stopped once Footnote's UI handled them.
    this.element.addEventListener('keydown', (event) => event.stopPropagation());
  }

  get isOpen(): boolean {
    return this.element.style.display !== 'none';
  }

  show(open: boolean): void {
    this.element.style.setProperty('display', open ? 'block' : 'none');
  }

  contains(node: EventTarget | null): boolean {
    return (
      node instanceof Node &&
      (node === this.element || this.element.contains(node) || this.shadow.contains(node))
    );
  }
}
