// @vitest-environment jsdom
import { articleAdapter } from '@/test-support/article-adapter';
import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CARD_UI_GLOBAL,
  type CardActions,
  type CardModel,
  type CardUi,
} from '@/components/card/card-contract';
import { fakeRuntime } from '@/test-support/fake-runtime';
import { doneNote, FALSE_TRIAGE } from '@/test-support/sample-note';
import { noteError } from '@/utils/core/note-error';
import { samplePost } from '@/test-support/sample-post';
import { POST_ATTRIBUTE } from '@/utils/posts/post-observer';
import { CardController } from './card-controller';
import { CLOSE_GRACE_MS, HOVER_INTENT_MS } from './card-timing';
import type { NoteClient } from './note-client';
import { noteStore, setNoteState, setSuggestion, setTriage } from './note-store';

vi.mock('wxt/browser', async () => ({
  browser: (await import('@/test-support/fake-runtime')).fakeRuntime.browser,
}));

const adapter = articleAdapter;

/** The card UI as the background injects it: here, a dialog showing the note's status. */
const ui = {
  adoptStyles: () => {},
  theme: () => 'light',
  attach: (host: HTMLElement) => document.body.append(host),
  place: () => {},
  render: vi.fn((shadow: ShadowRoot, model: CardModel | null, _actions?: CardActions) => {
    shadow.replaceChildren();
    if (!model) return;
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.tabIndex = -1;
    dialog.textContent = model.state.status;
    shadow.append(dialog);
  }),
} satisfies CardUi;

const notes = { request: vi.fn(), peek: vi.fn(), cancel: vi.fn(), suggest: vi.fn() };

setMaxListeners(50);

let lifetime: AbortController;
let controller: CardController;
const root = (id: string) => document.querySelector(`article[data-id="${id}"]`)!;
const badge = (id: string) => root(id).querySelector('button')!;
const card = () => document.querySelector('footnote-card') as HTMLElement;
/** What the card shows now, as the UI was last asked to render it. */
const shown = () => ui.render.mock.lastCall?.[1] ?? null;
/** Lets the card UI load (a message to the background on first use). */
const settle = () => new Promise((resolve) => setTimeout(resolve));

beforeEach(async () => {
  fakeRuntime.reset();
  fakeRuntime.browser.runtime.sendMessage.mockResolvedValue({ ok: true }); // card-ui:load
  (globalThis as Record<string, unknown>)[CARD_UI_GLOBAL] = ui;
  ui.render.mockClear();
  for (const fn of Object.values(notes)) fn.mockReset();
  noteStore.setState({ notes: {}, digest: null, triage: {}, triagePause: null, suggestions: {} });
  document.body.replaceChildren();
  for (const id of ['1', '2']) {
    const article = document.createElement('article');
    article.dataset.id = id;
    article.setAttribute(POST_ATTRIBUTE, `x:${id}`);
    const button = document.createElement('button');
    button.className = 'footnote-badge';
    article.append(samplePost().text, button); // the text the adapter extracts
    document.body.append(article);
  }
  lifetime = new AbortController();
  controller = new CardController(adapter, notes as unknown as NoteClient, lifetime.signal);
  // Any first open of the session loads the card UI; then it is in this frame.
  setNoteState('x:2', doneNote());
  controller.open(root('2'), false);
  await settle();
  controller.close(false);
  ui.render.mockClear();
});
afterEach(() => {
  lifetime.abort();
});

describe('the card', () => {
  it('paints a note the page holds in the task that opens it', () => {
    setNoteState('x:1', doneNote());
    controller.open(root('1'), true);
    expect(shown()).toMatchObject({ postKey: 'x:1', state: { status: 'done' }, pinned: true });
    expect(card().style.getPropertyValue('display')).toBe('block');
    expect(notes.request).not.toHaveBeenCalled();
  });

  it('paints a note it asked for when it arrives, with nothing painted before it', async () => {
    controller.open(root('1'), true);
    expect(notes.request).toHaveBeenCalledWith(samplePost({ id: '1' }));
    expect(ui.render).not.toHaveBeenCalled();

    setNoteState('x:1', doneNote());
    expect(ui.render).toHaveBeenCalledTimes(1);
    expect(shown()).toMatchObject({ postKey: 'x:1', state: { status: 'done' } });
    await settle();
    expect(card().shadowRoot!.activeElement?.getAttribute('role')).toBe('dialog'); // pinned: focus moved in
  });

  it('starts from the triage verdict while the note is written, and shows a verdict that arrives', () => {
    const triage = FALSE_TRIAGE;
    setTriage('x:1', triage);
    controller.open(root('1'), false);
    setNoteState('x:1', { status: 'loading' });
    expect(shown()).toMatchObject({ postKey: 'x:1', state: { status: 'loading' }, triage });

    setNoteState('x:2', { status: 'loading' });
    controller.open(root('2'), false);
    const later = { ...triage, classification: 'misleading' } as const;
    setTriage('x:2', later);
    expect(shown()).toMatchObject({ postKey: 'x:2', triage: later });
  });

  it('gives the card the context the platform shows on the post, from its loading state on', () => {
    const platformContext = [
      { kind: 'community_note' as const, text: 'The study has no control group.', url: null },
    ];
    vi.spyOn(adapter, 'extractPost').mockReturnValueOnce(samplePost({ id: '1', platformContext }));
    controller.open(root('1'), false);
    setNoteState('x:1', { status: 'loading' });
    expect(shown()).toMatchObject({ postKey: 'x:1', state: { status: 'loading' }, platformContext });
  });

  it("sends the reader's suggested source for the open post, and shows how it goes", () => {
    setNoteState('x:1', doneNote());
    controller.open(root('1'), true);
    ui.render.mock.lastCall?.[2]?.suggestSource('https://city.example.org/report');
    expect(notes.suggest).toHaveBeenCalledWith(samplePost({ id: '1' }), 'https://city.example.org/report');

    setSuggestion('x:1', { url: 'https://city.example.org/report', error: null });
    expect(shown()).toMatchObject({
      state: { status: 'done' },
      suggestion: { url: 'https://city.example.org/report', error: null },
    });
    setSuggestion('x:1');
    expect(shown()?.suggestion).toBeUndefined();
  });

  it('forgets a failed suggestion when the card closes, and keeps one still running', () => {
    setNoteState('x:1', doneNote());
    controller.open(root('1'), true);
    setSuggestion('x:1', {
      url: 'https://city.example.org/report',
      error: noteError('timeout', 'Too slow.'),
    });
    controller.close(false);
    expect(noteStore.getState().suggestions['x:1']).toBeUndefined();

    controller.open(root('1'), true);
    setSuggestion('x:1', { url: 'https://city.example.org/report', error: null });
    controller.close(false);
    expect(noteStore.getState().suggestions['x:1']).toEqual({
      url: 'https://city.example.org/report',
      error: null,
    });
  });

  it('hides the card it showed while the next post’s note is asked for', () => {
    controller.open(root('2'), true);
    expect(shown()).toMatchObject({ postKey: 'x:2' });
    controller.open(root('1'), true);
    expect(shown()).toBeNull();
    expect(card().style.getPropertyValue('display')).toBe('none');
  });

  it('withdraws the request when closed before the cache answered', () => {
    controller.open(root('1'), false);
    controller.close(false);
    expect(notes.cancel).toHaveBeenCalledWith('x:1');
  });

  it('peeks at the cache when the pointer or focus comes to a badge whose post has no note on the page', () => {
    badge('1').dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(notes.peek).toHaveBeenCalledWith(samplePost({ id: '1' }), expect.any(Function));
    const stillShown = notes.peek.mock.lastCall![1] as () => boolean;
    expect(stillShown()).toBe(true);
    root('1').setAttribute(POST_ATTRIBUTE, 'x:9'); // the row was recycled for another post
    expect(stillShown()).toBe(false);
    root('1').setAttribute(POST_ATTRIBUTE, 'x:1');

    notes.peek.mockClear();
    badge('2').dispatchEvent(new Event('pointerover', { bubbles: true })); // its note is on the page
    root('1').dispatchEvent(new Event('pointerover', { bubbles: true })); // the post, not its badge
    expect(notes.peek).not.toHaveBeenCalled();
    badge('1').dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(notes.peek).toHaveBeenCalledWith(samplePost({ id: '1' }), expect.any(Function));
  });

  describe('touch', () => {
    const touch = (type: string, target: Element) =>
      target.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerType: 'touch' }));

    beforeEach(() => void vi.useFakeTimers());
    afterEach(() => void vi.useRealTimers());

    it('a tap opens the pinned card once and leaves it open: no hover intent, no close when the finger lifts', () => {
      setNoteState('x:1', doneNote());
      touch('pointerover', badge('1'));
      touch('pointerdown', badge('1'));
      // Past the hover intent while the finger rests: a mouse would have opened the card by now.
      vi.advanceTimersByTime(HOVER_INTENT_MS);
      expect(ui.render).not.toHaveBeenCalled();
      touch('pointerup', badge('1'));
      touch('pointerout', badge('1'));
      badge('1').dispatchEvent(new PointerEvent('click', { bubbles: true, pointerType: 'touch' }));
      expect(ui.render).toHaveBeenCalledTimes(1);
      expect(shown()).toMatchObject({ postKey: 'x:1', pinned: true });

      vi.advanceTimersByTime(HOVER_INTENT_MS + CLOSE_GRACE_MS);
      expect(ui.render).toHaveBeenCalledTimes(1);
      expect(card().style.getPropertyValue('display')).toBe('block');
    });

    it('a finger that rests on a badge as a scroll starts opens nothing and peeks at nothing', () => {
      touch('pointerover', badge('1'));
      touch('pointerdown', badge('1'));
      vi.advanceTimersByTime(HOVER_INTENT_MS);
      touch('pointercancel', badge('1'));
      touch('pointerout', badge('1'));
      vi.advanceTimersByTime(CLOSE_GRACE_MS);
      expect(ui.render).not.toHaveBeenCalled();
      expect(notes.peek).not.toHaveBeenCalled();
    });

    it('a mouse still opens the card on hover intent', () => {
      setNoteState('x:1', doneNote());
      badge('1').dispatchEvent(new PointerEvent('pointerover', { bubbles: true, pointerType: 'mouse' }));
      vi.advanceTimersByTime(HOVER_INTENT_MS);
      expect(shown()).toMatchObject({ postKey: 'x:1', pinned: false });
    });
  });
});
