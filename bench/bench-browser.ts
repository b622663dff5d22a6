/**
 * What the benchmarks share: Debian's Chromium launched with a build of the extension (or
 * none), the extension pointed at the local model server, CDP page metrics, and the React feed
 * page's script bundled for injection.
 */
import { chromium, type BrowserContext, type CDPSession, type Worker } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QUIET_CHROMIUM_FLAGS } from '../e2e/chromium-flags';
import { bundleScript } from '../test-support/bundle-script';
import { DEFAULT_API_KEY, DEFAULT_MODEL } from '../e2e/model-server';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile with the extension at `extensionDir` loaded (none when null). */
export async function launchBrowser(extensionDir: string | null): Promise<LaunchedBrowser> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'footnote-bench-'));
  const args = extensionDir
    ? [
        ...QUIET_CHROMIUM_FLAGS,
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
      ]
    : QUIET_CHROMIUM_FLAGS;
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface PageMetrics {
  TaskDuration: number;
  JSHeapUsedSize: number;
}

export async function pageMetrics(cdp: CDPSession): Promise<PageMetrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const value = (name: keyof PageMetrics) => list.find((m) => m.name === name)?.value ?? 0;
  return {
    TaskDuration: value('TaskDuration'),
    JSHeapUsedSize: value('JSHeapUsedSize'),
  };
}

/** The React feed page's script, bundled in production mode (React's development build checks a lot more). */
export function bundleReactFeed(): Promise<string> {
  return bundleScript('bench/react-feed/x-timeline.ts', 'xTimeline');
}

/**
 * Points the extension at the local model server (a custom endpoint and its key, as the options
 * page saves them), from its service worker.
 */
export async function useModelServer(context: BrowserContext, baseUrl: string): Promise<Worker> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(
    async ({ baseUrl, model, key }) => {
      await chrome.storage.local.set({ provider: { preset: 'custom', baseUrl, model } });
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('footnote-secrets');
        open.onupgradeneeded = () => open.result.createObjectStore('secrets');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve) => {
        const tx = db.transaction('secrets', 'readwrite');
        tx.objectStore('secrets').put(key, 'apiKey');
        tx.oncomplete = () => resolve();
      });
    },
    { baseUrl, model: DEFAULT_MODEL, key: DEFAULT_API_KEY },
  );
  return worker;
}
