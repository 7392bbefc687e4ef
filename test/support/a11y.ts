// axe-core in a Playwright page: the house rule is no serious or critical violation on any screen,
// in the light theme and the dark one.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue } from 'axe-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const BLOCKING: ReadonlySet<ImpactValue> = new Set(['serious', 'critical']);

export type Theme = 'light' | 'dark';

export interface Violation {
  rule: string;
  impact: ImpactValue;
  help: string;
  helpUrl: string;
  /** CSS selectors of the offending elements, with axe's summary of what to fix on each */
  nodes: Array<{ target: string; summary: string }>;
}

/**
 * Puts axe into the page once. The app's CSP (script-src 'self') refuses inline script tags, so the
 * source is evaluated over the DevTools protocol instead, which the page's CSP does not govern:
 * the app's policy stays exactly as shipped.
 */
async function inject(page: Page): Promise<void> {
  if (await page.evaluate("'axe' in window")) return;
  await page.evaluate(AXE_SOURCE);
  if (!(await page.evaluate("'axe' in window"))) throw new Error('axe-core did not load into the page.');
}

/** The serious and critical violations on the page as it is now, in the theme it shows now. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await inject(page);
  const results = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as AxeResults;
  return results.violations
    .filter((v) => v.impact && BLOCKING.has(v.impact))
    .map((v) => ({
      rule: v.id,
      impact: v.impact!,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
    }));
}

/** One line per offending element: rule, impact, target and what axe says to fix. */
export function describeViolations(screen: string, theme: Theme, violations: Violation[]): string {
  const lines = violations.flatMap((v) => v.nodes.map((n) => `  ${v.rule} (${v.impact}) at ${n.target}: ${v.help}. ${n.summary} [${v.helpUrl}]`));
  return `${violations.length} serious or critical accessibility ${violations.length === 1 ? 'violation' : 'violations'} on "${screen}" in the ${theme} theme:\n${lines.join('\n')}`;
}

const setTheme = (page: Page, theme: string | undefined) =>
  page.evaluate(theme === undefined ? 'delete document.documentElement.dataset.theme' : `document.documentElement.dataset.theme = ${JSON.stringify(theme)}`);

/**
 * Fails with a readable list when `screen` has a serious or critical violation in any of `themes`.
 * The theme is switched the way the app's Settings switch it (the root's data-theme) and put back.
 */
export async function assertAccessible(page: Page, screen: string, themes: Theme[] = ['light', 'dark']): Promise<void> {
  const was = (await page.evaluate('document.documentElement.dataset.theme')) as string | undefined;
  const failures: string[] = [];
  try {
    for (const theme of themes) {
      await setTheme(page, theme);
      const found = await seriousViolations(page);
      if (found.length > 0) failures.push(describeViolations(screen, theme, found));
    }
  } finally {
    await setTheme(page, was);
  }
  if (failures.length > 0) throw new Error(failures.join('\n'));
}
