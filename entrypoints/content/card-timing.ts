/** Hover intent: how long the pointer rests on a badge before the card opens. */
export const HOVER_INTENT_MS = 350;
/** Grace period to move the pointer from the badge into the card before an unpinned card closes. */
export const CLOSE_GRACE_MS = 300;
