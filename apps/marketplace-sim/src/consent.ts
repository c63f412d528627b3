import { escapeHtml } from "./http";

export interface ConsentShop {
  id: string;
  name: string;
}

/**
 * The seller's consent page both simulators serve: choose a shop (or open a new one), approve. A
 * plain form, so it works in any browser with no script; `hidden` carries the request through.
 */
export function consentPage(opts: {
  platform: string;
  appName: string;
  action: string;
  hidden: Record<string, string>;
  shops: readonly ConsentShop[];
}): string {
  const hidden = Object.entries(opts.hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("\n      ");
  const shops = opts.shops
    .map(
      (s, i) =>
        `<label><input type="radio" name="shop" value="${escapeHtml(s.id)}"${i === 0 ? " checked" : ""}> ${escapeHtml(s.name)} (${escapeHtml(s.id)})</label><br>`,
    )
    .join("\n      ");
  return `<!doctype html>
<html lang="id">
  <head><meta charset="utf-8"><title>${escapeHtml(opts.platform)} — Otorisasi toko</title></head>
  <body>
    <h1>${escapeHtml(opts.platform)} (simulator)</h1>
    <p><strong>${escapeHtml(opts.appName)}</strong> asks to manage your shop's products.</p>
    <form method="post" action="${escapeHtml(opts.action)}">
      ${hidden}
      <fieldset>
        <legend>Shop to authorize</legend>
      ${shops}
        <label><input type="radio" name="shop" value="new"> Open a new shop named
          <input type="text" name="shop_name" value="Toko Baru"></label>
      </fieldset>
      <button type="submit" name="decision" value="approve">Approve</button>
    </form>
  </body>
</html>
`;
}

export function errorPage(title: string, message: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
  <body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body>
</html>
`;
}

/** Reads an application/x-www-form-urlencoded body. */
export function formBody(raw: Buffer): URLSearchParams {
  return new URLSearchParams(raw.toString("utf8"));
}
