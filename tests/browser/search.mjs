// The search page as people use it (issue 13): type a query, wait for the
// results, check the first result and the count announced in the polite
// status region, that focus stays where the person is, that a filter works
// from the keyboard, and run axe-core with the results shown.
//
// Called by check.mjs for a site that has /search/; returns failure messages.

const QUERY = 'school exclusions';
const FIRST = 'Task and finish review of school exclusions — final report';

export async function searchScenario(context, origin, axePath, axeOptions) {
  const failures = [];
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${origin}/search/`, { waitUntil: 'load' });
    if (await page.isVisible('#search-nojs')) failures.push('the "needs JavaScript" note is still shown with JavaScript on');
    await page.focus('#search-q');
    await page.keyboard.type(QUERY, { delay: 30 });
    await page.waitForFunction(() => /result/.test(document.querySelector('#search-status')?.textContent || ''), null, { timeout: 15000 });
    const status = (await page.textContent('#search-status')).trim();
    const m = /^(\d+) results? for “school exclusions”/.exec(status);
    if (!m) failures.push(`status says "${status}", expected "N results for “${QUERY}”"`);
    const first = (await page.textContent('.mb-search-result__title a'))?.trim();
    if (first !== FIRST) failures.push(`first result is "${first}", expected "${FIRST}"`);
    const focus = await page.evaluate(() => document.activeElement?.id);
    if (focus !== 'search-q') failures.push(`focus moved to #${focus} while typing`);
    const live = await page.evaluate(() => {
      const s = document.querySelector('#search-status');
      const list = document.querySelector('#search-results');
      return { role: s.getAttribute('role'), listLive: !!list.closest('[aria-live], [role=status], [role=alert]') };
    });
    if (live.role !== 'status') failures.push('the result count is not in a role="status" (polite) region');
    if (live.listLive) failures.push('the result list is inside a live region: only the short summary should be announced');
    if (!(await page.url()).includes('q=school+exclusions')) failures.push(`the query is not in the address: ${page.url()}`);

    // A filter from the keyboard: focus stays on the checkbox and the count changes.
    const before = Number(m ? m[1] : 0);
    await page.focus('input[name=kind][value=report]');
    await page.keyboard.press('Space');
    await page.waitForFunction((b) => {
      const t = document.querySelector('#search-status')?.textContent || '';
      const n = Number((/^(\d+)/.exec(t) || [])[1]);
      return n && n !== b;
    }, before, { timeout: 15000 });
    const after = await page.evaluate(() => ({
      focus: document.activeElement?.getAttribute('value'),
      kinds: [...document.querySelectorAll('.mb-search-result__meta')].map((e) => e.textContent.split(' · ')[0]),
    }));
    if (after.focus !== 'report') failures.push('focus left the filter checkbox after it was ticked');
    if (!after.kinds.length || after.kinds.some((k) => k !== 'Report')) failures.push(`the Report filter shows ${after.kinds.join(', ')}`);

    await page.addScriptTag({ path: axePath });
    const res = await page.evaluate((opts) => globalThis.axe.run(document, opts), axeOptions);
    for (const v of res.violations) {
      for (const node of v.nodes) failures.push(`axe with results shown: [${v.id}] ${node.target.join(', ')}: ${v.help}`);
    }
  } catch (e) {
    failures.push(`search scenario did not run: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
  return failures;
}
