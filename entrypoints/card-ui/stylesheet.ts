import cardCss from '@/components/card/card.css?inline';
import threadCss from '@/components/thread/thread.css?inline';

let sheet: CSSStyleSheet | null = null;

/**
 * Gives a Footnote host's shadow root the UI's stylesheet: one constructed sheet, shared by the
 * card and the thread panel (no <style> element, which page CSPs may block).
 */
export function adoptStyles(shadow: ShadowRoot): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(cardCss + threadCss);
  }
  shadow.adoptedStyleSheets = [sheet];
}
