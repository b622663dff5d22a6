/** Hover intent: how long the pointer rests on a badge before the card opens. */
export const HOVER_INTENT_MS = 350;
/** Grace period to move the pointer from the badge into the card before an unpinned card closes. */
export const CLOSE_GRACE_MS = 300;
/**
 * Animation frames a requested note waits for the background's cache before it shows as
 * loading: a cached note arrives well within them and paints with no loading state first.
 */
export const LOADING_GRACE_FRAMES = 2;
