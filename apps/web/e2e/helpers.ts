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
