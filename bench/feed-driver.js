// Runs inside the benchmark page (e2e/fixtures/x/home.html): an X-like infinite feed. Posts
// arrive in bursts, one burst per animation frame; like X's virtualised timeline, at most
// MAX_CELLS rows exist and the oldest row is reused for a new post (same nodes, new content).
// Uses the fixture's own appendPosts/recyclePost, so the markup is the one the tests check.
window.runFeed = async function runFeed({ total, burst, maxCells }) {
  const fixture = window.footnoteFixture;
  const list = document.querySelector('[aria-label="Timeline: Your Home Timeline"] > div');
  const live = []; // ids shown, oldest first
  let next = 1;
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  while (next <= total) {
    for (let i = 0; i < burst && next <= total; i++, next++) {
      if (live.length < maxCells) {
        live.push(...fixture.appendPosts(1));
      } else {
        const oldest = live.shift();
        const id = String(2200000000000000000n + BigInt(next));
        fixture.recyclePost(oldest, id);
        // The reused row moves to the end of the list, as a recycled cell does.
        const row = list.querySelector(`a[href$="/status/${id}"]`).closest('[data-testid="cellInnerDiv"]');
        list.append(row);
        live.push(id);
      }
    }
    window.scrollTo(0, document.body.scrollHeight);
    await frame();
  }
  await frame();
  await frame();
};

// The naive way, for comparison: on every mutation, query the whole document for posts and
// give each a badge if it has none (what per-tweet extensions commonly do).
window.installNaiveBadger = function installNaiveBadger() {
  new MutationObserver(() => {
    for (const article of document.querySelectorAll('article[data-testid="tweet"]')) {
      const link = article.querySelector('a[href*="/status/"] time')?.parentElement;
      const id = link?.getAttribute('href')?.match(/status\/(\d+)/)?.[1];
      if (!id || article.querySelector('button.naive-badge')) continue;
      const badge = document.createElement('button');
      badge.className = 'naive-badge';
      badge.textContent = '†';
      article.querySelector('[data-testid="User-Name"]')?.parentElement?.append(badge);
    }
  }).observe(document.body, { childList: true, subtree: true });
};
