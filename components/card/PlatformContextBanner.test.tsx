// @vitest-environment jsdom
import { useReactRoot } from '@/test-support/react-root';
import { describe, expect, it, vi } from 'vitest';
import type { PlatformContext } from '@/utils/core/post';
import { PlatformContextBanner } from './PlatformContextBanner';

vi.mock('#i18n', () => import('../../test-support/english-i18n'));

const { render, container } = useReactRoot();

function shown(postKey: string, contexts: PlatformContext[]): HTMLElement | null {
  render(<PlatformContextBanner postKey={postKey} contexts={contexts} />);
  return container().querySelector('section');
}

describe('PlatformContextBanner', () => {
  it("marks each context as the platform's, by its kind, and names the platform", () => {
    const banner = shown('x:2126312950664302915', [
      { kind: 'community_note', text: 'The study has no control group.', url: null },
    ]);
    expect(banner?.getAttribute('aria-label')).toBe('Shown by X, not by Footnote');
    expect(banner?.querySelector('h2')?.textContent).toBe('Shown by X, not by Footnote');
    expect(banner?.querySelector('.platform-context-kind')?.textContent).toBe('Community Note');
    expect(banner?.querySelector('.platform-context-text')?.textContent).toBe(
      'The study has no control group.',
    );
    expect(banner?.querySelector('a')).toBeNull();
  });

  it('links an http(s) source, and shows a hostile text and link as text', () => {
    const banner = shown('youtube:UgyT5nKq2Wm8rPz0dXx4AaABAg', [
      { kind: 'info_panel', text: 'COVID-19', url: 'https://www.who.int/emergencies' },
      { kind: 'label', text: '<img src=x onerror=alert(1)><b>bold</b>', url: 'javascript:alert(1)' },
    ]);
    expect(banner?.querySelector('h2')?.textContent).toBe('Shown by YouTube, not by Footnote');
    const links = banner!.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('href')).toBe('https://www.who.int/emergencies');
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    const [, hostile] = Array.from(banner!.querySelectorAll('.platform-context-item'));
    expect(hostile?.querySelector('.platform-context-text')?.textContent).toBe(
      '<img src=x onerror=alert(1)><b>bold</b>',
    );
    expect(hostile?.querySelector('img, b')).toBeNull();
    expect(hostile?.textContent).toContain('javascript:alert(1)'); // shown, not linked
  });

  it('says "this site" for a key it cannot read, and renders nothing without contexts', () => {
    const banner = shown('garbage', [{ kind: 'moderation', text: 'Removed.', url: null }]);
    expect(banner?.querySelector('h2')?.textContent).toBe('Shown by this site, not by Footnote');
    expect(shown('reddit:t3_1p9c4r2', [])).toBeNull();
  });
});
