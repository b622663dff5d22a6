import type { GatheredEvidence } from '../core/evidence';
import {
  PDF_TYPE,
  pageAddress,
  pageFetchOptions,
  readPageEvidence,
  type AddressRefusal,
  type PageReadingDeps,
} from './page-evidence';

/**
 * Reads a source the reader suggested for a note ("Suggest a source") as a linked page is read:
 * the same caps, the same refusal of the reader's own network. Rejects with an Error whose message
 * the reader sees in the card, saying what to do.
 */
export function createSuggestedSourceReader(
  deps: PageReadingDeps,
): (url: string, signal: AbortSignal) => Promise<GatheredEvidence> {
  return async (value, signal) => {
    const address = pageAddress(value, deps);
    if ('refusal' in address) throw new Error(REFUSALS[address.refusal]);
    const { url } = address;
    if (!(await deps.canFetch(url.href).catch(() => false))) {
      throw new Error(
        `Footnote may not read pages on ${url.host}. To use it as a source, allow reading linked pages in Footnote's options.`,
      );
    }
    signal.throwIfAborted();
    // A failed fetch already says why: no answer in time, an HTTP error, a redirect into the
    // reader's network.
    const { item, mediaType } = await readPageEvidence(url.href, 'suggested', pageFetchOptions(deps, signal));
    if (!item) {
      throw new Error(
        `${url.href} is ${mediaType || 'of no stated type'}, not something Footnote can read: suggest a web page or a text file.`,
      );
    }
    // A linked PDF may stand in a note by its name; a suggested one would rewrite the note with
    // nothing new for the model to read.
    if (mediaType === PDF_TYPE) {
      throw new Error(
        `${item.url} is a PDF, whose text Footnote cannot read: suggest a web page that says the same.`,
      );
    }
    if (!item.excerpt) {
      throw new Error(`${item.url} has no text Footnote can read: suggest the page with the article itself.`);
    }
    return item;
  };
}

const REFUSALS: Record<AddressRefusal, string> = {
  not_http: 'Only web pages can be sources: paste an address that starts with https:// or http://.',
  credentials: 'Remove the user name and password from the address: Footnote does not send them.',
  private_network:
    'The address is on your own computer or network, which Footnote never reads: suggest a public web page.',
};
