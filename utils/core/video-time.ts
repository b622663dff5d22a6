/** Times in a video as people write them: "0:07", "12:34", "1:02:03". */

/** Whole seconds as the player shows them: m:ss under an hour, h:mm:ss after. */
export function formatVideoTime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const TIME = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})$/;

/** Seconds of "m:ss" or "h:mm:ss" (spaces around ignored); null for anything else. */
export function parseVideoTime(label: string): number | null {
  const match = TIME.exec(label.trim());
  if (!match) return null;
  const [, h, m, s] = match;
  if (Number(s) >= 60 || (h !== undefined && Number(m) >= 60)) return null;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s);
}
