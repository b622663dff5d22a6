// @vitest-environment jsdom
import { act } from 'react';
import { useReactRoot } from '@/test-support/react-root';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { noteError } from '@/utils/core/note-error';
import type { SuggestionState } from './card-contract';
import { SuggestSource } from './SuggestSource';

vi.mock('#i18n', () => import('../../test-support/english-i18n'));

const { render, container } = useReactRoot();

const SOURCE = 'https://city.example.org/bridge-report';

const onSubmit = vi.fn();
beforeEach(() => onSubmit.mockReset());

function show(suggestion?: SuggestionState) {
  render(<SuggestSource suggestion={suggestion} onSubmit={onSubmit} />);
}
const button = (name: string) =>
  [...container().querySelectorAll('button')].find((b) => b.textContent === name) ?? null;
const input = () => container().querySelector('input');
const labelled = () => {
  const field = input();
  return field && container().querySelector(`label[for="${field.id}"]`)?.textContent;
};
function click(target: HTMLElement | null) {
  act(() => target!.click());
}
/** Types as a reader would: React hears the input event. */
function type(value: string) {
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setValue.call(input(), value);
    input()!.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('SuggestSource', () => {
  it('opens a labelled address field with focus in it, and sends what the reader typed', () => {
    show();
    expect(input()).toBeNull();
    click(button('Suggest a source'));
    expect(labelled()).toBe('Address of the source');
    expect(document.activeElement).toBe(input());
    expect(button('Submit')?.disabled).toBe(true);

    type(`  ${SOURCE} `);
    click(button('Submit'));
    expect(onSubmit).toHaveBeenCalledWith(SOURCE);
  });

  it('closes on Cancel and gives focus back to its button', () => {
    show();
    click(button('Suggest a source'));
    click(button('Cancel'));
    expect(input()).toBeNull();
    expect(document.activeElement).toBe(button('Suggest a source'));
  });

  it('says the note is being rewritten, and takes no second source meanwhile', () => {
    show({ url: SOURCE, error: null });
    expect(container().querySelector('[role="status"]')?.textContent).toBe(
      'Reading your source and rewriting the note…',
    );
    expect(input()?.value).toBe(SOURCE);
    expect(input()?.disabled).toBe(true);
    expect(button('Submit')).toBeNull();
  });

  it('keeps the address after a failure and says why, as text', () => {
    const message = 'Footnote could not use it as a source: <img src=x onerror=alert(1)>';
    show({ url: SOURCE, error: noteError('invalid_request', message) });
    const alert = container().querySelector('[role="alert"]');
    expect(alert?.textContent).toBe(`The note was not rewritten: ${message}`);
    expect(alert?.querySelector('img')).toBeNull();
    expect(input()?.value).toBe(SOURCE);
    expect(input()?.disabled).toBe(false);
    click(button('Submit'));
    expect(onSubmit).toHaveBeenCalledWith(SOURCE);
  });
});
