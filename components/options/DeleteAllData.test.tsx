// @vitest-environment jsdom
import { act } from 'react';
import { useReactRoot } from '@/test-support/react-root';
import { describe, expect, it, vi } from 'vitest';
import { DeleteAllData, DeleteAllResult, type DeleteAllDataProps } from './DeleteAllData';

vi.mock('#i18n', () => import('../../test-support/english-i18n'));

const { render, container } = useReactRoot();

function props(overrides: Partial<DeleteAllDataProps> = {}): DeleteAllDataProps {
  return { step: 'idle', focus: null, onAsk: vi.fn(), onCancel: vi.fn(), onConfirm: vi.fn(), ...overrides };
}

const buttons = () => [...container().querySelectorAll('button')];
const button = (name: string) => buttons().find((b) => b.textContent === name);

describe('Delete all Footnote data', () => {
  it('is one button until asked', () => {
    const p = props();
    render(<DeleteAllData {...p} />);
    expect(buttons().map((b) => b.textContent)).toEqual(['Delete all Footnote data']);
    act(() => button('Delete all Footnote data')!.click());
    expect(p.onAsk).toHaveBeenCalledOnce();
  });

  it('asks in the page, saying what goes and that it cannot be undone; focus on Cancel; Esc cancels', () => {
    const p = props({ step: 'confirming', focus: { target: 'cancel', token: 1 } });
    render(<DeleteAllData {...p} />);
    const group = container().querySelector('[role="group"]')!;
    const name = document.getElementById(group.getAttribute('aria-labelledby')!)!.textContent;
    const description = document.getElementById(group.getAttribute('aria-describedby')!)!.textContent;
    expect(name).toBe('Delete all Footnote data? This cannot be undone.');
    for (const what of ['notes', 'history', 'usage', 'API keys', 'settings', 'enabled sites', 'rating list'])
      expect(description).toContain(what);
    expect(document.activeElement).toBe(button('Cancel'));

    act(() => button('Delete everything')!.click());
    expect(p.onConfirm).toHaveBeenCalledOnce();
    act(() => {
      group.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(p.onCancel).toHaveBeenCalledOnce();
  });

  it('while deleting, its buttons do nothing', () => {
    const p = props({ step: 'deleting' });
    render(<DeleteAllData {...p} />);
    act(() => button('Deleting…')!.click());
    act(() => button('Cancel')!.click());
    expect(p.onConfirm).not.toHaveBeenCalled();
    expect(p.onCancel).not.toHaveBeenCalled();
  });
});

describe('its outcome', () => {
  it('is announced in a status region that is always there; a failure is an alert', () => {
    render(<DeleteAllResult notice={{ kind: 'none' }} />);
    expect(container().querySelector('[role="status"]')!.textContent).toBe('');
    render(<DeleteAllResult notice={{ kind: 'deleted' }} />);
    expect(container().querySelector('[role="status"]')!.textContent).toBe(
      'All Footnote data is deleted. Footnote is as it was when installed.',
    );
    render(
      <DeleteAllResult notice={{ kind: 'failed', detail: 'Footnote could not delete the rules: x.' }} />,
    );
    expect(container().querySelector('[role="alert"]')!.textContent).toBe(
      'Not everything could be deleted: Footnote could not delete the rules: x.',
    );
  });
});
