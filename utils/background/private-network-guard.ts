import { browser, type Browser } from 'wxt/browser';
import { httpUrl } from '../core/http-url';
import { PRIVATE_HOST_PATTERNS, privateUrlPattern } from '../evidence/private-host';
import type { EvidenceSettings } from '../settings/evidence-settings';
import { evidenceSettingsItem } from '../settings/evidence-settings-item';
import { providerSettingsItem } from '../settings/provider-items';
import type { ProviderSettings } from '../settings/provider-settings';
import { ratingListAddress } from '../settings/rating-lists';

type Rule = Browser.declarativeNetRequest.Rule;

/** The latest rules update: one at a time, each replacing the rules the one before it wrote. */
let applying = Promise.resolve();

/**
 * Resolves once the rules match the settings as last seen: a download from an address the reader
 * just configured (a rating list on their own network) waits for its allow rule.
 */
export function privateNetworkRulesSettled(): Promise<void> {
  return applying;
}

/**
 * Footnote's own requests never reach the reader's machine or network, not even through a public
 * page that redirects there (SECURITY.md §6). fetch() follows redirects itself, and
 * `redirect: 'manual'` gives an extension worker an opaque redirect with no Location to check
 * (seen in Chromium 156), so the browser checks every hop: declarativeNetRequest rules block them.
 *
 * - Only this extension's requests (its origin as the initiator): pages the reader opens,
 *   websites' service workers and other extensions are never touched.
 * - Only GETs. Every request a stranger can aim (a post's link, a suggested source, a redirect
 *   from either) is a GET, and a redirect keeps it one; the model's requests are POSTs, so a note
 *   is never blocked, whether or not the allow rules below have caught up with a settings change.
 * - Allowed: what the reader configured (the model endpoint, whose models "Test connection"
 *   lists with a GET; a SearXNG instance; a rating list's address), kept in step with settings.
 * - Dynamic rules outlive a browser restart: the block is in force before the worker first runs.
 * - declarativeNetRequestWithHostAccess asks for nothing at install, and acts where Footnote has
 *   host access: loopback always (the manifest), every host once the reader allows reading linked
 *   pages, the only setting under which strangers' addresses are fetched.
 */
export function guardPrivateNetwork(): void {
  // A failure is logged by the queue; nothing else waits for these.
  const apply = () => void updatePrivateNetworkRules().catch(() => undefined);
  apply();
  providerSettingsItem.watch(apply);
  evidenceSettingsItem.watch(apply);
}

/**
 * Makes the rules match the settings as they are now, after any update under way; rejects if
 * that fails ("Delete all Footnote data" then says so).
 */
export function updatePrivateNetworkRules(): Promise<void> {
  const update = applying.then(applyGuard);
  applying = update.catch((err: unknown) => {
    console.warn('Footnote could not set its private-network rules:', err);
  });
  return update;
}

/**
 * "Test connection" lists the models of an endpoint that may not be saved yet: allowed for the
 * rest of this browser session, like a saved one.
 */
export async function allowTestedEndpoint(baseUrl: string): Promise<void> {
  const prefix = endpointPrefix(baseUrl);
  if (!prefix) return;
  try {
    await browser.declarativeNetRequest.updateSessionRules({
      removeRuleIds: [TESTED_ENDPOINT_RULE_ID],
      addRules: [allowRule(TESTED_ENDPOINT_RULE_ID, prefix, extensionHost())],
    });
  } catch (err) {
    console.warn('Footnote could not allow the endpoint it is testing:', err);
  }
}

/** Forgets the endpoints "Test connection" allowed for this session. */
export async function forgetTestedEndpoints(): Promise<void> {
  await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [TESTED_ENDPOINT_RULE_ID] });
}

/** Block rules first (ids 1…), then one allow rule per configured address. */
export function guardRules(extensionHost: string, allowedPrefixes: readonly string[]): Rule[] {
  const blocks: Rule[] = PRIVATE_HOST_PATTERNS.map((host, i) => ({
    id: i + 1,
    priority: BLOCK_PRIORITY,
    action: { type: 'block' },
    // One rule per kind of host: Chromium refuses a single pattern for all of them (its regex
    // memory limit).
    condition: {
      ...ownRequests(extensionHost),
      regexFilter: privateUrlPattern(host),
      requestMethods: ['get'],
    },
  }));
  return [
    ...blocks,
    ...allowedPrefixes.map((prefix, i) => allowRule(blocks.length + i + 1, prefix, extensionHost)),
  ];
}

/** The addresses the reader configured, as URL prefixes the extension may GET. */
export function configuredPrefixes(provider: ProviderSettings | null, evidence: EvidenceSettings): string[] {
  const prefixes = [
    provider && endpointPrefix(provider.baseUrl),
    evidence.webSearch === 'searxng' && endpointPrefix(evidence.searxngUrl),
    evidence.sourceRatings && httpUrl(ratingListAddress(evidence.ratingListUrl)),
  ];
  return prefixes.filter((prefix): prefix is string => typeof prefix === 'string');
}

/** Requests go to paths under a base URL ("http://localhost:11434/v1/…"). */
function endpointPrefix(baseUrl: string): string | null {
  const href = httpUrl(baseUrl);
  if (!href) return null;
  const url = new URL(href);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/`;
}

function allowRule(id: number, prefix: string, extensionHost: string): Rule {
  return {
    id,
    priority: ALLOW_PRIORITY,
    action: { type: 'allow' },
    // urlFilter reads * ^ | as wildcards: the prefix stops before any (still within its origin).
    condition: { ...ownRequests(extensionHost), urlFilter: `|${prefix.split(/[*^|]/, 1)[0]}` },
  };
}

/** Not `tabIds: [-1]` as well: only session rules may name tabs. */
function ownRequests(extensionHost: string) {
  return { initiatorDomains: [extensionHost] };
}

async function applyGuard(): Promise<void> {
  const [provider, evidence] = await Promise.all([
    providerSettingsItem.getValue(),
    evidenceSettingsItem.getValue(),
  ]);
  const dnr = browser.declarativeNetRequest;
  const previous = await dnr.getDynamicRules();
  await dnr.updateDynamicRules({
    removeRuleIds: previous.map((rule) => rule.id),
    addRules: guardRules(extensionHost(), configuredPrefixes(provider, evidence)),
  });
}

/** The extension's origin host (Chrome: its id; Firefox: its internal UUID), as initiators name it. */
function extensionHost(): string {
  return new URL(browser.runtime.getURL('/')).host;
}

const BLOCK_PRIORITY = 1;
const ALLOW_PRIORITY = 2;
/** A session rule, apart from the dynamic ones guardRules numbers. */
const TESTED_ENDPOINT_RULE_ID = 1000;
