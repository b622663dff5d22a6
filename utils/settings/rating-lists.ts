import { clipText } from '../core/clip-text';
import { RATING_LIST_NAME_MAX } from '../core/evidence';

/**
 * The source-rating list offered by default, CRED-1 (github.com/aloth/cred-1): where its authors
 * publish the compact JSON made for extensions, and how they ask to be credited (CC BY 4.0;
 * ATTRIBUTION.md and CITATION.cff in that repository). Footnote ships no copy of it: the
 * background downloads it when the reader switches "Source ratings" on. Kept with the settings
 * (like the provider presets) because the options page and the card both credit it.
 */
export const CRED1 = {
  name: 'CRED-1',
  /** The compact format on the repository's main branch, rebuilt weekly. */
  url: 'https://raw.githubusercontent.com/aloth/cred-1/main/data/cred1_compact.json',
  homepage: 'https://github.com/aloth/cred-1',
  /** As ATTRIBUTION.md words it: "CRED-1 by Alexander Loth". */
  author: 'Alexander Loth',
  licence: 'CC BY 4.0',
  licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
  /** The dataset's Zenodo archive (CITATION.cff). */
  doi: '10.5281/zenodo.18769460',
} as const;

/** The list the setting names: its own address, or CRED-1's when the field is empty. */
export function ratingListAddress(setting: string): string {
  return setting.trim() || CRED1.url;
}

/**
 * How chips and options name a list: "CRED-1", else the host it is downloaded from, clipped to
 * what a rating keeps (a long host must not make every rated note invalid).
 */
export function ratingListName(address: string): string {
  if (address === CRED1.url) return CRED1.name;
  let host: string;
  try {
    host = new URL(address).host;
  } catch {
    host = address;
  }
  return clipText(host, RATING_LIST_NAME_MAX);
}
