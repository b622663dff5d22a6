/** YouTube's player, then any video on the page: the one a video note's moments are times of. */
const PLAYER_VIDEO = '#movie_player video, video.html5-main-video';

/**
 * Plays the page's video from `seconds` (a moment of its note). Setting the time is a DOM
 * property, so it works from the content script's isolated world; the page may refuse to play
 * (autoplay rules), and then it is only moved there.
 */
export function seekPageVideo(seconds: number): void {
  const video = document.querySelector<HTMLVideoElement>(PLAYER_VIDEO) ?? document.querySelector('video');
  if (!video) return;
  video.currentTime = seconds;
  void video.play().catch(() => undefined);
}
