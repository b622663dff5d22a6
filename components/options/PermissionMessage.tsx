import type { LinksNotice } from './types';

/**
 * What became of a switch's host permission prompt (reading linked pages, downloading a rating
 * list): waiting for the answer, refused, or failed and why. Each switch gives its own words.
 */
export function PermissionMessage({
  notice,
  asking,
  denied,
  failed,
}: {
  notice: LinksNotice;
  asking: string;
  denied: string;
  failed: string;
}) {
  switch (notice.kind) {
    case 'none':
      return null;
    case 'asking':
      return (
        <p role="status" className="switch-message">
          {asking}
        </p>
      );
    case 'denied':
      return (
        <p role="alert" className="switch-message field-error">
          {denied}
        </p>
      );
    case 'failed':
      return (
        <p role="alert" className="switch-message field-error">
          {failed} <span dir="auto">{notice.detail}</span>
        </p>
      );
  }
}
