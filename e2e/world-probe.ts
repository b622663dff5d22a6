/**
 * Looking into every JavaScript world of a tab — the page's, the content script's isolated world,
 * Playwright's own — at the Chrome DevTools Protocol level, for tests about what the extension
 * leaves where (exceptions, console output, messages, storage a content script can read).
 *
 * Playwright's `page.evaluate` runs only in the page's main world. The content script's world is
 * a separate V8 context that CDP lists (Runtime.executionContextCreated, auxData.type "isolated",
 * origin chrome-extension://<id>, name = the extension's name); Runtime.evaluate with that
 * context's id runs code exactly where the content script runs, with its `chrome.*` APIs.
 */
import type { BrowserContext, CDPSession, Page, Request, Worker } from '@playwright/test';

interface ExecutionContext {
  id: number;
  origin: string;
  name: string;
  auxData?: { isDefault?: boolean; type?: string; frameId?: string };
}

export interface WorldEvent {
  /** 'page', 'content-script', 'playwright' or the context's origin. */
  world: string;
  text: string;
}

/** Console output and uncaught exceptions of every world of a page, and access to its content script's world. */
export class WorldProbe {
  /** Uncaught exceptions, in any world (the page's main world and the content script's alike). */
  readonly exceptions: WorldEvent[] = [];
  /** console.* calls, in any world, with their arguments as text. */
  readonly console: WorldEvent[] = [];
  private readonly contexts = new Map<number, ExecutionContext>();
  private mainFrameId = '';

  private constructor(
    private readonly cdp: CDPSession,
    private readonly extensionOrigin: string,
  ) {}

  /** Attach before page.goto, so the contexts of the next document are all seen. */
  static async attach(page: Page, extensionId: string): Promise<WorldProbe> {
    const cdp = await page.context().newCDPSession(page);
    const probe = new WorldProbe(cdp, `chrome-extension://${extensionId}`);
    cdp.on('Runtime.executionContextCreated', ({ context }) => probe.contexts.set(context.id, context));
    cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) =>
      probe.contexts.delete(executionContextId),
    );
    cdp.on('Runtime.executionContextsCleared', () => probe.contexts.clear());
    cdp.on('Runtime.exceptionThrown', ({ exceptionDetails }) =>
      probe.exceptions.push({
        world: probe.worldOf(exceptionDetails.executionContextId),
        text: `${exceptionDetails.text} ${exceptionDetails.exception?.description ?? ''}`.trim(),
      }),
    );
    cdp.on('Runtime.consoleAPICalled', ({ type, args, executionContextId }) =>
      probe.console.push({
        world: probe.worldOf(executionContextId),
        text: `${type}: ${args.map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? a.type))).join(' ')}`,
      }),
    );
    const { frameTree } = await cdp.send('Page.getFrameTree');
    probe.mainFrameId = frameTree.frame.id;
    await cdp.send('Runtime.enable');
    return probe;
  }

  private worldOf(contextId: number | undefined): string {
    const context = contextId === undefined ? undefined : this.contexts.get(contextId);
    if (!context) return 'unknown';
    if (context.origin === this.extensionOrigin && context.auxData?.type === 'isolated')
      return 'content-script';
    if (context.name.startsWith('__playwright')) return 'playwright';
    if (context.auxData?.isDefault) return 'page';
    return context.origin;
  }

  /** The content script's world in the top frame, once the extension injected it (else null). */
  contentScriptContextId(): number | null {
    for (const context of this.contexts.values()) {
      if (
        context.origin === this.extensionOrigin &&
        context.auxData?.type === 'isolated' &&
        context.auxData.frameId === this.mainFrameId
      )
        return context.id;
    }
    return null;
  }

  /**
   * Evaluates `expression` (awaited, returned by value) in the content script's world. The
   * expression is source text: it runs in the browser, not in Node.
   */
  async inContentScript<T>(expression: string): Promise<T> {
    const contextId = this.contentScriptContextId();
    if (contextId === null)
      throw new Error('The content script has no world in this tab (not injected yet?)');
    const { result, exceptionDetails } = await this.cdp.send('Runtime.evaluate', {
      contextId,
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails)
      throw new Error(
        `In the content script's world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
      );
    return result.value as T;
  }

  /**
   * From now on, records every message the content script receives: on runtime ports it opens
   * (the note stream), as runtime.onMessage (tabs.sendMessage from the popup and the worker),
   * and as responses to its own runtime.sendMessage. Install before the content script opens its
   * port (it does so on the first note request): a port opened earlier is not seen, which
   * `contentScriptMessages` lets a test notice (it should expect messages it knows were sent).
   *
   * It wraps `runtime.connect`/`runtime.sendMessage` of both `chrome` and `browser` in that world,
   * whichever the bundle calls (webextension-polyfill's `browser` ends in `chrome`'s functions).
   */
  async recordContentScriptMessages(): Promise<void> {
    await this.inContentScript(`(() => {
      if (globalThis.__footnoteReceived) return;
      const received = (globalThis.__footnoteReceived = []);
      const record = (channel, message) => {
        let text;
        try { text = JSON.stringify(message); } catch { text = String(message); }
        received.push({ channel, text: text === undefined ? 'undefined' : text });
      };
      const watchedPorts = new WeakSet();
      const runtimes = new Set([globalThis.chrome?.runtime, globalThis.browser?.runtime].filter(Boolean));
      for (const runtime of runtimes) {
        const connect = runtime.connect;
        runtime.connect = function (...args) {
          const port = connect.apply(this, args);
          if (!watchedPorts.has(port)) {
            watchedPorts.add(port);
            port.onMessage.addListener((message) => record('port', message));
          }
          return port;
        };
        const sendMessage = runtime.sendMessage;
        runtime.sendMessage = function (...args) {
          const callback = args.at(-1);
          if (typeof callback === 'function') args[args.length - 1] = (response) => { record('response', response); return callback(response); };
          const result = sendMessage.apply(this, args);
          if (result && typeof result.then === 'function') result.then((response) => record('response', response), () => {});
          return result;
        };
      }
      // One listener sees every tabs.sendMessage to this frame (it answers nothing).
      globalThis.chrome.runtime.onMessage.addListener((message) => { record('tab', message); });
    })()`);
  }

  /** What recordContentScriptMessages saw so far, each message as JSON text. */
  contentScriptMessages(): Promise<{ channel: 'port' | 'tab' | 'response'; text: string }[]> {
    return this.inContentScript('globalThis.__footnoteReceived ?? []');
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => {});
  }
}

/**
 * Everything a page script could read of the document: the markup, every open shadow root's
 * markup (recursively: Footnote's card lives in one), current form values (not in markup),
 * the title, cookies, localStorage and sessionStorage. Runs in the page's main world.
 */
export function pageReadableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [document.title, document.documentElement.outerHTML, document.cookie];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (
          el instanceof HTMLInputElement ||
          el instanceof HTMLTextAreaElement ||
          el instanceof HTMLSelectElement
        )
          parts.push(el.value);
        if (el.shadowRoot) {
          parts.push(el.shadowRoot.innerHTML);
          visit(el.shadowRoot);
        }
      }
    };
    visit(document);
    for (const storage of [localStorage, sessionStorage])
      for (let i = 0; i < storage.length; i++)
        parts.push(`${storage.key(i)}=${storage.getItem(storage.key(i)!)}`);
    return parts.join('\n');
  });
}

/** How many open shadow roots the page has (to show pageReadableText looked inside some). */
export function openShadowRootCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    let count = 0;
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*'))
        if (el.shadowRoot) {
          count++;
          visit(el.shadowRoot);
        }
    };
    visit(document);
    return count;
  });
}

export interface RecordedBrowserRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  /** 'worker' for a service worker's requests (the extension's background), else 'page'. */
  from: 'page' | 'worker';
}

/**
 * Records every request the browser context makes — the tabs' and the extension service
 * worker's (context.route sees both in Chromium) — with all its headers, then lets it proceed
 * to the routes registered before (fixtures, the offline guard) or the network. Register it
 * after the other routes, so it sees requests first.
 */
export async function recordBrowserRequests(context: BrowserContext): Promise<RecordedBrowserRequest[]> {
  const recorded: RecordedBrowserRequest[] = [];
  await context.route('**/*', async (route) => {
    const request: Request = route.request();
    recorded.push({
      url: request.url(),
      method: request.method(),
      headers: await request.allHeaders(),
      body: request.postData() ?? '',
      from: request.serviceWorker() ? 'worker' : 'page',
    });
    await route.fallback();
  });
  return recorded;
}

/** Collects console output of a worker (e.g. the extension's service worker) as text. */
export function collectWorkerConsole(worker: Worker): string[] {
  const lines: string[] = [];
  worker.on('console', (message) => lines.push(`${message.type()}: ${message.text()}`));
  return lines;
}
