import type { SiteAdapter } from '../sites/site-adapter';

/** The stable hook every detected post root carries (DESIGN.md §7): `<site>:<native id>`. */
export const POST_ATTRIBUTE = 'data-footnote-post';

export interface PostObserverOptions {
  adapter: SiteAdapter;
  /** A root now shows this post: newly found, re-rendered, or a recycled node whose post changed. */
  onPost(root: Element, key: string): void;
  /** Nodes we inserted ourselves (badges): their mutations are not news. */
  isOwnNode(node: Node): boolean;
}

/**
 * Finds posts as the page renders them, with one MutationObserver whose callback only stashes
 * records; the work happens once per animation frame. State lives on the root element
 * (`data-footnote-post` holds the id it shows), so a recycled node whose id changed is
 * noticed, and nothing here keeps a reference to a post that left the page.
 */
export class PostObserver {
  private readonly observer = new MutationObserver((records) => this.enqueue(records));
  private pending: MutationRecord[] = [];
  private frame: number | null = null;

  constructor(private readonly options: PostObserverOptions) {}

  start(root: Element): void {
    this.scan(root);
    // Recycling shows up as a changed status link (href) in a reused node: watch just that attribute.
    this.observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  }

  stop(): void {
    this.observer.disconnect();
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.pending = [];
  }

  /** Processes every post root inside `root` now (first load, or after navigation). */
  scan(root: ParentNode): void {
    for (const postRoot of root.querySelectorAll(this.options.adapter.postRootSelector)) this.process(postRoot);
  }

  private enqueue(records: MutationRecord[]): void {
    for (const record of records) this.pending.push(record);
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.frame = null;
    const records = this.pending;
    this.pending = [];
    const roots = new Set<Element>();
    const targets = new Set<Node>();
    for (const record of records) this.collectRoots(record, roots, targets);
    for (const root of roots) this.process(root);
  }

  /**
   * Hot path (every mutation of a page scrolled for hours). Touching a node from a content
   * script costs a wrapper in the isolated world, so text nodes are skipped by nodeType, and an
   * enclosing post is looked up (closest) only when the change could matter: a watched
   * attribute changed (a recycled post's link), elements were added (a node replaced), or one
   * of our nodes was removed (a re-render dropped the badge) — once per target per frame.
   */
  private collectRoots(record: MutationRecord, roots: Set<Element>, targets: Set<Node>): void {
    const { postRootSelector } = this.options.adapter;
    let relevant = record.type === 'attributes';
    if (record.type === 'childList') {
      const added = record.addedNodes;
      if (added.length === 1 && record.removedNodes.length === 0 && this.options.isOwnNode(added[0]!)) return;
      for (const node of added) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        relevant = true;
        const element = node as Element;
        if (element.matches(postRootSelector)) roots.add(element);
        else if (element.firstElementChild) for (const inner of element.querySelectorAll(postRootSelector)) roots.add(inner);
      }
      if (!relevant) relevant = this.removedOwnNode(record.removedNodes);
    }
    if (!relevant || targets.has(record.target)) return;
    targets.add(record.target);
    const target = record.target.nodeType === Node.ELEMENT_NODE ? (record.target as Element) : record.target.parentElement;
    const enclosing = target?.closest(postRootSelector);
    if (enclosing) roots.add(enclosing);
  }

  private removedOwnNode(removed: NodeList): boolean {
    for (const node of removed) if (node.nodeType === Node.ELEMENT_NODE && this.options.isOwnNode(node)) return true;
    return false;
  }

  private process(root: Element): void {
    if (!root.isConnected) return;
    const id = this.options.adapter.postId(root);
    if (id === null) {
      root.removeAttribute(POST_ATTRIBUTE); // an emptied or placeholder node shows no post
      return;
    }
    const key = `${this.options.adapter.id}:${id}`;
    if (root.getAttribute(POST_ATTRIBUTE) !== key) root.setAttribute(POST_ATTRIBUTE, key);
    this.options.onPost(root, key);
  }
}
