import { detectTheme } from '@/components/card/theme';

/*
 * How a Footnote host (the card, the thread panel) sits in the page: where it is attached and
 * which palette it takes. Part of the UI bundle: only a host about to paint needs them.
 */

/**
 * Attaches the host in <body>, where content belongs (tools that read the page, axe-core among
 * them, look only there), unless the body would become the containing block of a fixed element
 * (a transform, filter or containment on it) and misplace it: then on the root element.
 */
export function attachHost(host: HTMLElement): void {
  const body = document.body;
  if (!body) {
    document.documentElement.append(host);
    return;
  }
  const style = getComputedStyle(body);
  const trapsFixed =
    style.transform !== 'none' ||
    style.perspective !== 'none' ||
    style.filter !== 'none' ||
    style.backdropFilter !== 'none' ||
    /paint|layout|strict|content/.test(style.contain) ||
    /transform|perspective|filter/.test(style.willChange);
  (trapsFixed ? document.documentElement : body).append(host);
}

/**
 * The site's theme behind an element (light, dim or dark): the computed background colours from
 * it outwards decide, the system preference only when all are transparent. Read when a host
 * opens, not on every streamed update.
 */
export function pageTheme(anchor: Element): string {
  const backgrounds: string[] = [];
  for (let el: Element | null = anchor; el; el = el.parentElement) {
    backgrounds.push(getComputedStyle(el).backgroundColor);
  }
  return detectTheme(backgrounds, window.matchMedia('(prefers-color-scheme: dark)').matches);
}
