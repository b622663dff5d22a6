import type { SiteAdapter } from '../sites/site-adapter';
import { postKey } from '../core/post';

/** The stable hook every detected post root carries: `<site>:<native id>`. */
export const POST_ATTRIBUTE = 'data-footnote-post';

export interface PostObserverOptions {
  adapter: SiteAdapter;
  /** A root now shows this post: newly found, re-rendered, or a recycled node whose post changed. */
  onPost(root: Element, key: string): void;
  /**
   * After each batch of page changes was processed (at most once per frame): posts may also
   * have left the page, which onPost does not tell.
   */
  onBatch?(): void;
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

  /** Finds the posts in `root` now, then as they come, until the signal aborts. */
  start(root: Element, signal: AbortSignal): void {
    if (signal.aborted) return;
    this.scan(root);
    // Recycling shows up as a changed status link (href) in a reused node, or (YouTube's video)
    // a changed video-id on the reused metadata: watch just those attributes.
    this.observer.observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['href', 'video-id'],
    });
    signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  private stop(): void {
    this.observer.disconnect();
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.pending = [];
  }

  /** Processes every post root inside `root` now (first load, or after navigation). */
  scan(root: ParentNode): void {
    for (const postRoot of root.querySelectorAll(this.options.adapter.postRootSelector))
      this.process(postRoot);
  }

  private enqueue(records: MutationRecord[]): void {
    for (const record of records) this.pending.push(record);
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  /**
   * Hot path (every mutation of a page scrolled for hours). From a content script every DOM
   * node and list touched costs a wrapper in the isolated world, so a record is looked at
   * through its target, once per target per frame (one native closest()): the post enclosing
   * it is looked at again — its id (a recycled row), its badge (a re-render may have dropped
   * it). Added nodes are looked into only outside posts (a list, a container: new posts may
   * have come) or on sites whose posts nest; text changes inside a post cost no more than that.
   */
  private flush(): void {
    this.frame = null;
    const records = this.pending;
    this.pending = [];
    const { postRootSelector, nestedRoots } = this.options.adapter;
    const roots = new Set<Element>();
    /** The post (or null) each target is in. */
    const enclosing = new Map<Node, Element | null>();
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      const target = record.target;
      let root = enclosing.get(target);
      if (root === undefined) {
        const element = target.nodeType === 1 ? (target as Element) : target.parentElement;
        root = element?.closest(postRootSelector) ?? null;
        enclosing.set(target, root);
        if (root !== null) roots.add(root);
      }
      // Inside a post only the post itself matters (unless posts nest): no need to read the record's kind.
      if ((root === null || nestedRoots === true) && record.type === 'childList')
        addedRoots(record, postRootSelector, roots);
    }
    for (const root of roots) this.process(root);
    this.options.onBatch?.();
    // What is queued now is what this flush wrote (badges; no page script ran in between): no
    // post changed, so looking at them again would only find the badges in place.
    this.observer.takeRecords();
  }

  private process(root: Element): void {
    if (!root.isConnected) return;
    const id = this.options.adapter.postId(root);
    if (id === null) {
      root.removeAttribute(POST_ATTRIBUTE); // an emptied or placeholder node shows no post
      return;
    }
    const key = postKey({ site: this.options.adapter.id, id });
    if (root.getAttribute(POST_ATTRIBUTE) !== key) root.setAttribute(POST_ATTRIBUTE, key);
    this.options.onPost(root, key);
  }
}

/** Post roots among and inside a record's added elements (native queries only). */
function addedRoots(record: MutationRecord, selector: string, roots: Set<Element>): void {
  const added = record.addedNodes;
  for (let i = 0; i < added.length; i++) {
    const node = added[i]!;
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    if (element.matches(selector)) roots.add(element);
    const inner = element.querySelectorAll(selector);
    for (let j = 0; j < inner.length; j++) roots.add(inner[j]!);
  }
}
