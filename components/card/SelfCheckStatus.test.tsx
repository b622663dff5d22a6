// @vitest-environment jsdom
import { useReactRoot } from '@/test-support/react-root';
import { describe, expect, it, vi } from 'vitest';
import type { SelfCheck } from '@/utils/core/note-meta';
import { SelfCheckStatus } from './SelfCheckStatus';

vi.mock('#i18n', () => import('../../test-support/english-i18n'));

const { render, container } = useReactRoot();

const usage = { promptTokens: 300, completionTokens: 40, estimated: false };
function shown(outcome: SelfCheck['outcome'], reason = ''): HTMLElement {
  render(<SelfCheckStatus selfCheck={{ outcome, reason, usage }} />);
  return container().querySelector('p')!;
}

describe('SelfCheckStatus', () => {
  it('says what the review did, and why a note was withdrawn or not checked', () => {
    expect(shown('kept', 'ignored').textContent).toBe('Checked');
    expect(shown('revised', 'Tone.').textContent).toBe('Checked and revised');
    expect(shown('withdrawn', 'The source is about a recipe.').textContent).toBe(
      'Withdrawn: The source is about a recipe.',
    );
    expect(shown('withdrawn').textContent).toBe('Withdrawn by the check');
    expect(shown('failed', 'Today’s budget is used up.').textContent).toBe(
      'Not checked: Today’s budget is used up.',
    );
  });

  it('shows a hostile reason as text, never as markup', () => {
    const status = shown('withdrawn', '<img src=x onerror=alert(1)><b>bold</b>');
    expect(status.textContent).toBe('Withdrawn: <img src=x onerror=alert(1)><b>bold</b>');
    expect(status.querySelector('img, b')).toBeNull();
  });
});
