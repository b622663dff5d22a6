/** Posts in one "summarize visible" request (DESIGN.md §1). Its own module: the content script needs it too. */
export const BATCH_MAX = 20;
