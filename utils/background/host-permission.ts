import { browser } from 'wxt/browser';
import { originPermission } from '../settings/site-origins';

/**
 * Whether Footnote may read `url`: its host is in the manifest or the reader granted it (the
 * optional permission for linked pages, or one site at a time).
 */
export async function hasHostPermission(url: string): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [originPermission(new URL(url).origin)] });
  } catch {
    return false;
  }
}
