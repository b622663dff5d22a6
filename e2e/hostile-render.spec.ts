/**
 * Issue 7, hardening: hostile text everywhere Footnote shows or forwards it, in real Chromium.
 *  (a) model output full of payloads (e2e/payloads.ts) rendered in the in-page card;
 *  (b) the same notes in the popup;
 *  (c) hostile post text (utils/sites/x/fixtures/hostile.html) forwarded to the model: it must stay
 *      inside its nonce-delimited data block.
 * A probe (e2e/probe.ts) is installed in every page; payloads that could run call it.
 */
import type { Page } from '@playwright/test';
import type { Note } from '../utils/core/note-schema';
import { configureModelServer, expect, lastUserMessage, openPopup, routeFixture, test } from './fixtures';
import { X_HOME_POSTS as HOME_POSTS, X_HOME_URL as HOME } from './x-home';
import { PAYLOADS, payloadsForNotes, type Payload } from './payloads';
import { afterQueuedImages, expectOnlyTheControlRan, installProbe, probeCalls } from './probe';

/** utils/sites/x/fixtures/hostile.html: 8 posts, ids following home.html's quote post. */
const HOSTILE_POSTS = Array.from(
  { length: 8 },
  (_, i) => `x:${(2126232350721107373n + BigInt(i + 1)).toString()}`,
);

/** Console errors that mean the CSP had to block something (an attempted execution). */
function watchCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|run)/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

const badgeOf = (page: Page, key: string) =>
  page.locator(`[data-footnote-post="${key}"]`).getByRole('button', { name: /^Footnote/ });
const card = (page: Page) => page.getByRole('dialog', { name: /^Footnote/ });

/** What the card's shadow root holds that untrusted text must never create. */
async function cardDomReport(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('footnote-card')?.shadowRoot;
    if (!root) return null;
    const all = [...root.querySelectorAll('*')];
    return {
      text: root.textContent ?? '',
      scripts: root.querySelectorAll('script').length,
      onAttributes: all.flatMap((el) =>
        [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`),
      ),
      links: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '<no href>'),
      embedded: root.querySelectorAll('iframe, object, embed, img, video, audio, svg, math, form, base, meta')
        .length,
      jsUrls: all.flatMap((el) =>
        [...el.attributes].filter((a) => /^\s*(javascript|data|vbscript):/i.test(a.value)).map((a) => a.name),
      ),
    };
  });
}

/** The first characters of a field as the card must show it (long fields are clipped, never rewritten). */
const shown = (text: string) => text.slice(0, 100);

/** Notes whose every text field carries a payload, cycling through the whole corpus. */
function hostileNotes(count: number): Note[] {
  let next = 0;
  const take = (): string => PAYLOADS[next++ % PAYLOADS.length]!.text;
  return Array.from({ length: count }, () => ({
    summary: take(),
    classification: 'misleading' as const,
    note: take(),
    claims: [0, 1].map(() => ({
      claim: take(),
      quote: take(),
      verdict: 'unverifiable' as const,
      confidence: 0.5,
      basis: 'model_knowledge' as const,
      explanation: take(),
      citations: [],
    })),
    detail: take(),
    injection_detected: true,
  }));
}
const FIELDS_PER_NOTE = 9;

test.describe('hostile model output', () => {
  test.beforeEach(async ({ context, page }) => {
    await page.addInitScript(installProbe);
    await routeFixture(context, HOME, 'x/home.html');
  });

  test('(a) card and (b) popup render every payload as text, and nothing runs', async ({
    context,
    page,
    serviceWorker,
    modelServer,
  }) => {
    test.setTimeout(180_000);
    const violations = watchCspViolations(page);
    await page.goto(HOME);
    await configureModelServer(serviceWorker, modelServer);
    const notes = hostileNotes(HOME_POSTS.length);
    expect(notes.length * FIELDS_PER_NOTE).toBeGreaterThanOrEqual(PAYLOADS.length); // every payload used

    let longestCard = 0;
    for (const [i, key] of HOME_POSTS.entries()) {
      const note = notes[i]!;
      modelServer.enqueue({ kind: 'note', note, chunkSize: 2_000 });
      const badge = badgeOf(page, key);
      await badge.scrollIntoViewIfNeeded();
      await badge.click();
      await expect(card(page)).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
      const report = (await cardDomReport(page))!;
      expect(report, key).not.toBeNull();
      expect(report.scripts, key).toBe(0);
      expect(report.onAttributes, key).toEqual([]);
      expect(report.links, key).toEqual([]); // no link at all comes from model text
      expect(report.embedded, key).toBe(0);
      expect(report.jsUrls, key).toEqual([]);
      longestCard = Math.max(longestCard, report.text.length);
      for (const text of [
        note.summary,
        note.note,
        note.detail,
        ...note.claims.flatMap((c) => [c.claim, c.quote, c.explanation]),
      ]) {
        expect(report.text, `${key}: ${text.slice(0, 60)}`).toContain(shown(text));
      }
      await page.keyboard.press('Escape');
      await expect(card(page)).toBeHidden();
    }
    // Hovering and opening "show my work" must not wake anything either.
    await badgeOf(page, HOME_POSTS[0]!).scrollIntoViewIfNeeded();
    await badgeOf(page, HOME_POSTS[0]!).click();
    await card(page).getByText('Show my work').click();
    await card(page).hover();
    // Positive control: the probe does see script that really runs in the page, and by the time
    // it did, whatever the hover and the details set off before it had run too.
    await expectOnlyTheControlRan(page);
    expect(modelServer.completionRequests()).toHaveLength(HOME_POSTS.length);
    expect(violations).toEqual([]);

    // (b) The popup lists the same posts with their notes.
    const popup = await openPopup(context, serviceWorker);
    const popupViolations = watchCspViolations(popup);
    await popup.addInitScript(installProbe);
    await popup.reload();
    await expect(popup.getByRole('listitem').first()).toBeVisible();
    await expect
      .poll(() => popup.evaluate(() => document.body.textContent ?? ''))
      .toContain(shown(notes[0]!.summary));
    await afterQueuedImages(popup);
    const popupReport = await popup.evaluate(
      (extensionOrigin) => {
        const all = [...document.querySelectorAll('*')];
        return {
          text: document.body.textContent ?? '',
          scripts: [...document.querySelectorAll('script')].filter((s) => !s.src.startsWith(extensionOrigin))
            .length,
          onAttributes: all.flatMap((el) =>
            [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`),
          ),
          badLinks: [...document.querySelectorAll('a[href]')]
            .map((a) => (a as HTMLAnchorElement).href)
            .filter((href) => !/^https?:/i.test(href) && !href.startsWith(extensionOrigin)),
          // Footnote's own icon in the popup's heading is the one image allowed, outside the list.
          embedded: [
            ...document.querySelectorAll('iframe, object, embed, img, video, audio, math, form, base'),
          ].filter(
            (el) =>
              !(
                el.matches('img.brand-icon') &&
                !el.closest('[role="list"]') &&
                (el as HTMLImageElement).src === `${extensionOrigin}icon/footnote.svg`
              ),
          ).length,
        };
      },
      `chrome-extension://${new URL(serviceWorker.url()).host}/`,
    );
    expect(popupReport.scripts).toBe(0);
    expect(popupReport.onAttributes).toEqual([]);
    expect(popupReport.badLinks).toEqual([]);
    expect(popupReport.embedded).toBe(0);
    const inPopup = notes
      .flatMap((n) => [n.summary, n.note])
      .filter((t) => popupReport.text.includes(shown(t)));
    expect(inPopup.length).toBeGreaterThan(0);
    expect(await probeCalls(popup)).toEqual([]);
    expect(popupViolations).toEqual([]);
    console.log(
      `hostile-render (a)+(b): ${PAYLOADS.length} payloads in ${notes.length} notes (${notes.length * FIELDS_PER_NOTE} fields); ` +
        `card executions: 0, popup executions: 0, popup showed ${inPopup.length} payload fields as text; longest card text: ${longestCard} characters`,
    );
  });
});

test.describe('hostile post text', () => {
  test('(c) the post cannot leave or close its nonce-delimited data block', async ({
    context,
    page,
    serviceWorker,
    modelServer,
  }) => {
    test.setTimeout(120_000);
    await page.addInitScript(installProbe);
    await routeFixture(context, HOME, 'x/hostile.html');
    await page.goto(HOME);
    await configureModelServer(serviceWorker, modelServer);

    for (const key of HOSTILE_POSTS) {
      const badge = badgeOf(page, key);
      await badge.scrollIntoViewIfNeeded();
      await badge.click();
      await expect(card(page)).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
      await page.keyboard.press('Escape');
    }

    // Every request: two blocks (the quoted post, then the post), each opened and closed exactly
    // once with this request's nonce; nothing inside can close or reopen a block.
    const prompts = modelServer.completionRequests().map(lastUserMessage);
    expect(prompts.length).toBeGreaterThanOrEqual(HOSTILE_POSTS.length);
    const blocksOf = prompts.map((prompt) => {
      const nonce = /The data markers for this request use the code ([0-9a-f]+)\./.exec(prompt)?.[1] ?? '';
      expect(nonce, 'nonce announced in the prompt').toMatch(/^[0-9a-f]{24}$/);
      const open = `<<<DATA:${nonce}`;
      const close = `DATA:${nonce}>>>`;
      expect(prompt.split(open).length - 1).toBe(2);
      expect(prompt.split(close).length - 1).toBe(2);
      const blocks = [...prompt.matchAll(new RegExp(`${open}\\n([\\s\\S]*?)\\n${close}`, 'g'))].map(
        (m) => m[1]!,
      );
      expect(blocks).toHaveLength(2);
      for (const block of blocks) {
        expect(block).not.toContain('<<<');
        expect(block).not.toContain('>>>');
        expect(block).not.toContain(nonce);
      }
      // Outside the blocks there is only Footnote's own text.
      const outside = prompt.replace(new RegExp(`${open}[\\s\\S]*?${close}`, 'g'), '');
      expect(outside).not.toMatch(/__pwned|PAGE-OWN-BIO|Ignore/);
      expect(prompt).not.toContain('PAGE-OWN-BIO'); // the page's own markup outside the fields
      return blocks as [quoted: string, post: string];
    });

    // The fixture's payloads (see its header): author name, text, quoted author, quoted text.
    const corpus = payloadsForNotes();
    let checked = 0;
    for (const [i, key] of HOSTILE_POSTS.entries()) {
      const [name, text, quotedName, quotedText] = [0, 1, 2, 3].map(
        (k) => corpus[(i * 4 + k) % corpus.length]!,
      ) as [Payload, Payload, Payload, Payload];
      const match = blocksOf.find(([, post]) => post.includes(`text:\n${asForwarded(text.text)}`));
      expect(match, `a request for ${key} (${text.id})`).toBeDefined();
      const [quotedBlock, postBlock] = match!;
      expect(postBlock, name.id).toContain(`author: ${asForwarded(name.text)}`);
      expect(quotedBlock, quotedName.id).toContain(`author: ${asForwarded(quotedName.text)}`);
      expect(quotedBlock, quotedText.id).toContain(`text:\n${asForwarded(quotedText.text)}`);
      checked += 4;
    }
    expect(checked).toBe(HOSTILE_POSTS.length * 4);
    // Only the page's own <img onerror> (outside Footnote's fields) ran: the probe works, and
    // nothing Footnote did ran anything.
    expect(await probeCalls(page)).toEqual(['page-own-bio']);
    console.log(
      `hostile-render (c): ${checked} payloads in ${HOSTILE_POSTS.length} hostile posts stayed inside their data blocks; executions caused by Footnote: 0`,
    );
  });
});

/**
 * A payload as the prompt carries it: what the HTML parser made of the escaped source (NUL →
 * U+FFFD), trimmed like readText, with marker-like sequences broken as prompt.ts does.
 */
function asForwarded(text: string): string {
  return text.replace(/\0/g, '\uFFFD').trim().replaceAll('<<<', '‹‹‹').replaceAll('>>>', '›››');
}
