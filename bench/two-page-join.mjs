// One two-page join, shared by join-tail.mjs and join-relay.mjs: each side is pages/room.html (one <metered-room>)
// in its OWN browser context, as two people's tabs; both pages are loaded first, then both joins start together
// through `window.benchGo()`, and each page reports `window.benchResult` (see pages/room.js).
import { cpus, loadavg } from 'node:os';

/**
 * Runs the join and returns one entry per side: the page's `benchResult` (`{ ms, … }` or `{ error }`; `{ error }`
 * too when none came within `timeoutMs`) merged with what `inspect(page)` reads off that page before it closes.
 * Throws only when a page cannot be opened; the browser contexts are closed either way.
 */
export async function twoPageJoin(browser, urlForName, { timeoutMs, inspect = async () => ({}) }) {
  const sides = [];
  try {
    for (const name of ['Ann', 'Ben']) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      sides.push({ context, page });
      await page.goto(urlForName(name));
      await page.waitForFunction(() => typeof window.benchGo === 'function', { timeout: timeoutMs });
    }
    await Promise.all(sides.map(({ page }) => page.evaluate(() => window.benchGo())));
    return await Promise.all(
      sides.map(async ({ page }) => {
        const reported = await page
          .waitForFunction(() => window.benchResult, { timeout: timeoutMs, polling: 50 })
          .then(
            () => page.evaluate(() => window.benchResult),
            () => ({ error: `no first frame within ${timeoutMs} ms` }),
          );
        return { ...reported, ...(await inspect(page)) };
      }),
    );
  } finally {
    await Promise.all(sides.map(({ context }) => context.close()));
  }
}

/** The first line of an error's message, for a one-line log. */
export function firstLine(error) {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/** Where and under what load a benchmark ran, for its results file (`loadBefore`: the 1-minute load at its start). */
export function benchEnvironment(loadBefore) {
  return {
    node: process.version,
    cpus: cpus().length,
    loadAverage1mBefore: loadBefore,
    loadAverage1mAfter: loadavg()[0],
    date: new Date().toISOString(),
  };
}
