// @vitest-environment jsdom
import { useReactRoot } from '@/test-support/react-root';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { SendImagesField, type ModelReadsImages } from './SendImagesField';

vi.mock('#i18n', () => import('../../test-support/english-i18n'));

const { render, container } = useReactRoot();

function shown(modelReadsImages: ModelReadsImages, onChange = vi.fn()) {
  render(<SendImagesField checked modelReadsImages={modelReadsImages} onChange={onChange} />);
  return container();
}

describe('SendImagesField', () => {
  it('is a labelled checkbox bound to the setting', () => {
    const onChange = vi.fn();
    const box = shown('yes', onChange).querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(box.checked).toBe(true);
    expect(container().querySelector(`label[for="${box.id}"]`)?.textContent).toBe(
      'Send pictures to the model',
    );
    act(() => box.click());
    expect(onChange).toHaveBeenCalledWith(false);
  });

  it('says whether the chosen model reads images, and nothing while none is chosen', () => {
    const line = () => container().querySelector('#send-images-model')?.textContent;
    shown('yes');
    expect(line()).toBe('This model reads images: yes');
    shown('no');
    expect(line()).toBe('This model reads images: no — Footnote sends their alt text instead');
    shown('unknown');
    expect(line()).toBe('This model reads images: not known yet — Footnote tries once and remembers');
    const box = shown(null).querySelector('input')!;
    expect(line()).toBeUndefined();
    expect(box.getAttribute('aria-describedby')).toBe('send-images-hint');
  });
});
