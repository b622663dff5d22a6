import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

/**
 * For component tests in jsdom: a fresh container and React root for each test, unmounted and
 * removed after it. `render` runs inside act(), so effects have run when it returns.
 */
export function useReactRoot(): { render(node: ReactNode): void; container(): HTMLElement } {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  let container: HTMLElement;
  let root: Root;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });
  return { render: (node) => act(() => root.render(node)), container: () => container };
}
