import { browser } from 'wxt/browser';
import type { TabFrame } from '../messaging/background-router';

/** Built by WXT from entrypoints/selection-check.ts (an unlisted script). */
const SELECTION_CHECK_SCRIPT = '/selection-check.js';

/** Where the selection script registers itself in its frame's isolated world (pages cannot see it). */
export const SELECTION_CHECK_GLOBAL = '__footnoteSelectionCheck';

/**
 * What the selection script does for "Footnote: check the selected text": the selection as the
 * frame has it, else `selectionText` (the browser's copy: text fields give pages none).
 */
export type SelectionCheck = (selectionText: string) => void;

/**
 * "Footnote: check the selected text" in one frame of a tab: on any page, so the script that
 * does it is injected only now, once per frame (the page-load bundles do not carry it), into the
 * extension's isolated world, never the page's. Needs host access to the frame: the sites
 * Footnote runs on, and `activeTab` for any other page the reader right-clicks.
 */
export async function checkSelection({ tabId, frameId }: TabFrame, selectionText: string): Promise<void> {
  const target = { tabId, frameIds: [frameId] };
  const [probe] = await browser.scripting.executeScript({
    target,
    func: isRegistered,
    args: [SELECTION_CHECK_GLOBAL],
  });
  if (probe?.result !== true)
    await browser.scripting.executeScript({ target, files: [SELECTION_CHECK_SCRIPT] });
  await browser.scripting.executeScript({
    target,
    func: runCheck,
    args: [SELECTION_CHECK_GLOBAL, selectionText],
  });
}

// Serialized into the frame by executeScript: they may use nothing from around them.

function isRegistered(name: string): boolean {
  return typeof (globalThis as Record<string, unknown>)[name] === 'function';
}

function runCheck(name: string, selectionText: string): void {
  ((globalThis as Record<string, unknown>)[name] as SelectionCheck)(selectionText);
}
