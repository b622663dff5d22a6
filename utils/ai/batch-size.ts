/** Posts in one "summarize visible" request. Its own module: the content script needs it too. */
export const BATCH_MAX = 20;
