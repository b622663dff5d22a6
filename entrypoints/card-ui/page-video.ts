/**
 * Plays the page's video from `seconds` (a moment of video `videoId`'s note), when the page still
 * shows that video: YouTube navigates within the app, and a card left open may be an earlier
 * video's. The player's own element first: a page may hold other videos (hover previews).
 * Setting the time is a DOM property, so it works from the content script's isolated world; the
 * page may refuse to play (autoplay rules), and then it is only moved there.
 */
export function seekPageVideo(videoId: string, seconds: number): void {
  if (new URL(location.href).searchParams.get('v') !== videoId) return;
  const video =
    document.querySelector<HTMLVideoElement>('#movie_player video') ??
    document.querySelector<HTMLVideoElement>('video.html5-main-video');
  if (!video) return;
  video.currentTime = seconds;
  void video.play().catch(() => undefined);
}
