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
    for (const record of records) this.collectRoots(record, roots);
    for (const root of roots) this.process(root);
  }

  private collectRoots(record: MutationRecord, roots: Set<Element>): void {
    const { postRootSelector } = this.options.adapter;
    if (record.type === 'childList') {
      if (isOnly(record.addedNodes, this.options.isOwnNode) && record.removedNodes.length === 0) return;
      for (const node of record.addedNodes) {
        if (!(node instanceof Element) || this.options.isOwnNode(node)) continue;
        if (node.matches(postRootSelector)) roots.add(node);
        else if (node.firstElementChild) for (const inner of node.querySelectorAll(postRootSelector)) roots.add(inner);
      }
    }
    // A change inside an existing post (re-render, recycled content, a removed badge).
    const target = record.target instanceof Element ? record.target : record.target.parentElement;
    const enclosing = target?.closest(postRootSelector);
    if (enclosing) roots.add(enclosing);
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

function isOnly(nodes: NodeList, predicate: (node: Node) => boolean): boolean {
  if (nodes.length === 0) return false;
  for (const node of nodes) if (!predicate(node)) return false;
  return true;
}
