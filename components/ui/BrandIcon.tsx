import './brand-icon.css';

/**
 * Footnote's icon (public/icon/footnote.svg, the toolbar's too) before the name in a page's
 * heading. Decorative: the heading's text says "Footnote", so the image has no name. Sized in em,
 * it follows the heading's font size.
 */
export function BrandIcon() {
  return <img className="brand-icon" src="/icon/footnote.svg" alt="" />;
}
