/** What the specs know about the X timeline fixture, utils/sites/x/fixtures/home.html. */

export const X_HOME_URL = 'https://x.com/home';

/** Its outer posts, in page order (quoted posts, the ad and the empty cell get no key). */
export const X_HOME_POSTS = [
  '2126243242333455973',
  '2126237607100211984',
  '2126232350721107373',
  '2126225507567988089',
  '2126220783187389345',
  '2126214440729207205',
  '2126209032285837657',
  '2126091580126177533',
  '2126187603017128981',
  '2126166645878954761',
].map((id) => `x:${id}`);

/** The Portuguese post. */
export const X_HOME_PT_POST = 'x:2126225507567988089';

declare global {
  interface Window {
    /** The fixture's stand-in for X's infinite scroll and virtualisation (see its script). */
    footnoteFixture: {
      appendPosts(count: number): string[];
      recyclePost(oldId: string, newId: string): void;
    };
  }
}
