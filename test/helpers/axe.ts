// Accessibility rules (axe-core, Deque's engine: WCAG 2.1 A and AA) run inside the page under test. The
// script is evaluated through the DevTools protocol, so the page's strict CSP need not allow it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  rule: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the first few elements concerned. */
  where: string[];
}

/** What breaks WCAG 2.1 A/AA on the page as it is now (an empty list when nothing does). */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Axe = {
      run(
        context: Document,
        options: object,
      ): Promise<{
        violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
      }>;
    };
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      where: v.nodes.slice(0, 4).map((n) => n.target.join(' ')),
    }));
  });
}
