/**
 * A small fake of the extension APIs the messaging code touches (runtime.onMessage,
 * runtime.onConnect, runtime.connect, ports), for unit tests: they mock 'wxt/browser' with
 * `fakeRuntime.browser` and play the other side (the popup connecting, the background sending,
 * answering on a port the code opened). Test-only; imported by *.test.ts.
 */
import { vi } from 'vitest';

type Listener<A extends unknown[]> = (...args: A) => unknown;

/** An extension event: listeners can be added and removed, and the test fires it. */
export class FakeEvent<A extends unknown[]> {
  readonly listeners = new Set<Listener<A>>();
  addListener = (listener: Listener<A>) => void this.listeners.add(listener);
  removeListener = (listener: Listener<A>) => void this.listeners.delete(listener);
  hasListeners = () => this.listeners.size > 0;
  /** Calls every listener; returns what they returned. */
  fire(...args: A): unknown[] {
    return [...this.listeners].map((listener) => listener(...args));
  }
}

export const EXTENSION_ID = 'footnote-test-id';
const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

export interface FakeSender {
  id?: string;
  url?: string;
  tab?: { id: number };
  frameId?: number;
}

/** Our popup, as a sender. */
export const POPUP_SENDER: FakeSender = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/popup.html` };
/** Our content script in tab 7. */
export const CONTENT_SCRIPT_SENDER: FakeSender = {
  id: EXTENSION_ID,
  tab: { id: 7 },
  frameId: 0,
  url: 'https://x.com/home',
};
/** A web page (no extension id). */
export const PAGE_SENDER: FakeSender = { url: 'https://x.com/home', tab: { id: 7 } };

/** The end of a port the code under test holds; the test sees what it sent. */
export class FakePort {
  readonly sent: unknown[] = [];
  readonly onMessage = new FakeEvent<[unknown]>();
  readonly onDisconnect = new FakeEvent<[]>();
  disconnected = false;
  constructor(
    readonly name: string,
    readonly sender: FakeSender | undefined,
  ) {}
  postMessage = (message: unknown) => {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(structuredClone(message));
  };
  /** The code under test closes its end. */
  disconnect = () => {
    this.disconnected = true;
  };
  /** The other side closes: the code under test hears onDisconnect. */
  close(): void {
    this.disconnected = true;
    this.onDisconnect.fire();
  }
}

function createFakeRuntime() {
  const onMessage = new FakeEvent<[unknown, FakeSender, (answer: unknown) => void]>();
  const onConnect = new FakeEvent<[FakePort]>();
  /** Ports the code under test opened (runtime.connect), oldest first. */
  const opened: FakePort[] = [];
  const browser = {
    runtime: {
      id: EXTENSION_ID,
      getURL: (path: string) => `${EXTENSION_ORIGIN}${path}`,
      getManifest: () => ({ version: '1.2.3' }),
      onMessage,
      onConnect,
      sendMessage: vi.fn(async (_message: unknown): Promise<unknown> => undefined),
      connect: ({ name }: { name: string }): FakePort => {
        const port = new FakePort(name, undefined);
        opened.push(port);
        return port;
      },
    },
  };
  return {
    browser,
    opened,
    /** Someone connects to the code under test (e.g. the popup with tabs.connect). */
    connect(name: string, sender: FakeSender | undefined = POPUP_SENDER): FakePort {
      const port = new FakePort(name, sender);
      onConnect.fire(port);
      return port;
    },
    /**
     * Sends a one-shot message as runtime.sendMessage would; resolves with the answer, or
     * undefined when no listener answers.
     */
    send(message: unknown, sender: FakeSender): Promise<unknown> {
      return new Promise((resolve) => {
        let pending = false;
        for (const kept of onMessage.fire(message, sender, resolve)) if (kept === true) pending = true;
        if (!pending) queueMicrotask(() => resolve(undefined));
      });
    },
    reset(): void {
      onMessage.listeners.clear();
      onConnect.listeners.clear();
      opened.length = 0;
      browser.runtime.sendMessage.mockReset();
    },
  };
}

/** One fake for the test file: mock 'wxt/browser' with `{ browser: fakeRuntime.browser }`. */
export const fakeRuntime = createFakeRuntime();
