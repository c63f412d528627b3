/** What the page records: every aria-valuenow the batch progress bar has shown, in order. */
export interface ProgressWindow {
  __progress: number[];
}

/**
 * Runs in the page before its own scripts (context.addInitScript): a MutationObserver notes each
 * value of the batch progress bar as it is drawn, so the test sees what a person would have seen.
 */
export function recordProgress(): void {
  const w = window as unknown as ProgressWindow;
  w.__progress = [];
  const SELECTOR = '[data-testid="batch-progress"]';
  const note = (el: Element) => {
    const v = el.getAttribute("aria-valuenow");
    if (v !== null && w.__progress[w.__progress.length - 1] !== Number(v)) w.__progress.push(Number(v));
  };
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === "attributes" && m.target instanceof Element && m.target.matches(SELECTOR))
        note(m.target);
      for (const n of m.addedNodes) {
        if (!(n instanceof Element)) continue;
        if (n.matches(SELECTOR)) note(n);
        n.querySelectorAll(SELECTOR).forEach(note);
      }
    }
  }).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["aria-valuenow"],
  });
}

/**
 * master × multiplier, half-up to whole rupiah, in integer arithmetic — computed here independently
 * of the app, so the test checks the product rather than repeating it.
 */
export function expectedPrice(master: string, multiplier: string): string {
  const [mw, mf = ""] = master.split(".");
  const [xw, xf = ""] = multiplier.split(".");
  const a = BigInt(`${mw}${mf}`);
  const b = BigInt(`${xw}${xf}`);
  const scale = 10n ** BigInt(mf.length + xf.length);
  return ((a * b * 2n + scale) / (2n * scale)).toString();
}

/** What the page records: each time the batch page drew its counts, overall and per channel. */
export interface BreakdownWindow {
  __breakdown: { overall: number; channels: number[]; total: number; channelTotals: number[] }[];
}

/**
 * Runs in the page before its own scripts: after every DOM change of the batch page, notes the
 * finished count of the headline and of each channel row, so a test can check that the parts add up
 * to the whole at every moment a person could have looked.
 */
export function recordBreakdown(): void {
  const w = window as unknown as BreakdownWindow;
  w.__breakdown = [];
  new MutationObserver(() => {
    const headline = document.querySelector('[data-testid="batch-percent"]');
    const rows = [...document.querySelectorAll(".platform-progress-row")];
    if (!headline || rows.length === 0) return;
    const sample = {
      overall: Number(headline.getAttribute("data-done")),
      channels: rows.map((r) => Number(r.getAttribute("data-done"))),
      total: Number(headline.getAttribute("data-total")),
      channelTotals: rows.map((r) => Number(r.getAttribute("data-total"))),
    };
    const last = w.__breakdown[w.__breakdown.length - 1];
    if (JSON.stringify(last) !== JSON.stringify(sample)) w.__breakdown.push(sample);
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}
