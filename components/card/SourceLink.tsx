import type { ReactNode } from 'react';
import { httpUrl } from '@/utils/core/http-url';

/**
 * A link to a page Footnote fetched itself. Anything but an http(s) URL renders as plain text:
 * the URL came through messages, and a `javascript:` link must never reach the page.
 */
export function SourceLink({ url, children, label }: { url: string; children: ReactNode; label?: string }) {
  const href = httpUrl(url);
  if (!href) return <span>{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" aria-label={label}>
      {children}
    </a>
  );
}
