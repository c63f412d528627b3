// The dashboard in Bahasa Indonesia, page by page, in a real Chromium against the whole product: every
// visible text and user-facing attribute must be a message of the Indonesian catalog, something Intl
// wrote in Indonesian, a proper name, or data the server sent (see src/i18n/untranslated.ts).
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { id } from "../src/i18n/id";
import { INTL_LOCALES, LANGUAGES } from "../src/i18n/languages";
import {
  catalogMatchers,
  dataStrings,
  intlSamples,
  intlWordsOf,
  normalize,
  schemaEnumValues,
  unexplained,
  type Vocabulary,
} from "../src/i18n/untranslated";
import { PLATFORM_LABEL } from "../src/ui/format";
import { root, startProduct, type RunningProduct } from "./product";
import { ENGLISH, graphql, launchChromium, readBatch, startBatch, waitForBatchEnd } from "./session";

const SHOTS = path.join(root, "test-output/screenshots");
const WAIT = { timeout: 30_000 };

let product: RunningProduct;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

/** Everything the server sent the page as data, over HTTP and over the live socket. */
const data = new Set<string>();
/** Answers whose data is still being read; a walk waits for them, so its data is complete. */
const reading = new Set<Promise<void>>();
/** The API's enum constants: the page must show each in words, never as sent. */
const enumValues = schemaEnumValues(readFileSync(path.join(root, "schema.graphql"), "utf8"));
const vocabulary: Vocabulary = {
  matchers: catalogMatchers(id),
  intlWords: new Set(),
  // Names are the same in every language; each language is named in itself in the switch.
  names: new Set([
    "SyncStore",
    "Bull Board",
    ...Object.values(PLATFORM_LABEL),
    ...LANGUAGES.map((l) => l.name),
  ]),
  data,
};
/** Per visited state: what no catalog message or datum accounts for. */
const findings: Record<string, string[]> = {};
let checked = 0;
let states = 0;

async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await graphql<T>(product, query, variables);
  if (answer.errors?.length || !answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}

interface Seen {
  text: string;
  where: string;
}

/** Runs in the page: every rendered text node and every attribute a person reads or hears. */
function collect(): Seen[] {
  const out: Seen[] = [];
  const name = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[data-testid=${el.getAttribute("data-testid")}]` : ""}${el.classList.length ? `.${[...el.classList].join(".")}` : ""}`;
  // An option is drawn by its select: it counts when the select is on screen.
  const shown = (el: Element) => (el.closest("select") ?? el).checkVisibility();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(parent.tagName)) continue;
    if (!shown(parent) || !n.textContent?.trim()) continue;
    out.push({ text: n.textContent, where: name(parent) });
  }
  const ATTRIBUTES = ["aria-label", "aria-description", "aria-valuetext", "placeholder", "title", "alt"];
  for (const el of document.body.querySelectorAll("*")) {
    if (!shown(el)) continue;
    for (const a of ATTRIBUTES) {
      const v = el.getAttribute(a);
      if (v?.trim()) out.push({ text: v, where: `${name(el)}@${a}` });
    }
    if (el instanceof HTMLInputElement && ["button", "submit", "reset"].includes(el.type) && el.value)
      out.push({ text: el.value, where: `${name(el)}@value` });
  }
  out.push({ text: document.title, where: "document.title" });
  return out;
}

/** Checks what the page shows now, after nothing on it is loading any more. */
async function walk(state: string): Promise<void> {
  await page.waitForFunction(() => document.documentElement.lang === "id", null, WAIT);
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, WAIT);
  const seen = await page.evaluate(collect);
  await Promise.all(reading);
  checked += seen.length;
  states += 1;
  const where = new Map(seen.map((s) => [normalize(s.text), s.where]));
  const missing = unexplained(
    seen.map((s) => s.text),
    vocabulary,
  );
  if (missing.length) findings[state] = missing.map((s) => `${s}  ← ${where.get(s) ?? "?"}`);
  await page.screenshot({ path: path.join(SHOTS, `id-${state}.png`), fullPage: true });
}

describe.sequential("the dashboard in Bahasa Indonesia", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    product = await startProduct();
    browser = await launchChromium();
    // An English browser: the language comes from the switch, not from the machine.
    context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      baseURL: product.baseUrl,
      locale: ENGLISH,
    });
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("response", (res) => {
      if (!res.url().endsWith("/graphql") || res.request().method() !== "POST") return;
      const read = res.json().then(
        (body: { data?: unknown }) => void dataStrings(body.data, enumValues, data),
        () => undefined,
      );
      reading.add(read);
      void read.finally(() => reading.delete(read));
    });
    page.on("websocket", (ws) =>
      ws.on("framereceived", ({ payload }) => {
        try {
          const frame = JSON.parse(String(payload)) as { payload?: { data?: unknown } };
          dataStrings(frame.payload?.data, enumValues, data);
        } catch {
          // Not a GraphQL frame.
        }
      }),
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  }, 120_000);

  it("shows no string outside the Indonesian catalog on any main page", async () => {
    const email = `ayu-${Date.now()}@example.com`;
    const password = "correct horse battery staple";
    for (const [who, role] of [
      [email, "ADMIN"],
      [`budi-${Date.now()}@example.com`, "OPERATOR"],
    ] as const)
      await api(
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { userErrors { message } } }`,
        { input: { email: who, password, role, name: role === "ADMIN" ? "Ayu Admin" : "Budi Operator" } },
      );

    // A finished batch with dead letters: the seeded catalog's first products include invalid ones.
    const finished = await waitForBatchEnd(product, (await startBatch(product, 50)).id);
    expect(finished.status).toBe("COMPLETED_WITH_ERRORS");
    expect(finished.deadLettered).toBeGreaterThan(0);
    // A batch held running: its TikTok Shop items wait in a paused queue for as long as the walk needs.
    const { queueStats } = await api<{ queueStats: { channelId: string; platform: string }[] }>(
      "{ queueStats { channelId platform } }",
    );
    const held = queueStats.find((q) => q.platform === "TIKTOK_SHOP")!;
    await api(`mutation ($id: ID!) { pauseChannel(id: $id) { userErrors { message } } }`, {
      id: held.channelId,
    });
    const running = await startBatch(product, 3);
    await expect.poll(async () => (await readBatch(product, running.id)).queued, WAIT).toBeGreaterThan(0);
    const { deadLetters } = await api<{ deadLetters: { edges: { node: { productId: string } }[] } }>(
      "{ deadLetters(first: 1) { edges { node { productId } } } }",
    );
    const brokenProduct = deadLetters.edges[0]!.node.productId;

    const { channels } = await api<{ channels: { market: string; currency: string }[] }>(
      "{ channels { market currency } }",
    );

    // Signed out, in English, until the switch says otherwise.
    await page.goto("/products");
    await page.waitForURL(/\/login/, WAIT);
    await page.getByTestId("language-switch").selectOption("id");
    await page.getByRole("heading", { name: id.login.title }).waitFor(WAIT);
    // Intl's words in Indonesian as this browser writes them, not as Node's ICU would.
    const samples = await page.evaluate(intlSamples, {
      numbersLocale: INTL_LOCALES.id.numbers,
      datesLocale: INTL_LOCALES.id.dates,
      currencies: [...new Set(channels.map((c) => c.currency))],
      regions: [...new Set(channels.map((c) => c.market))],
    });
    for (const w of intlWordsOf(samples)) vocabulary.intlWords.add(w);
    await walk("login");
    expect(await page.title()).toBe(`${id.login.title} · SyncStore`);
    await page.getByLabel(id.login.email).fill(email);
    await page.getByLabel(id.login.password).fill("wrong password, surely");
    await page.getByRole("button", { name: id.login.submit }).click();
    await page.getByRole("alert").waitFor(WAIT);
    await walk("login-failed");
    await page.getByLabel(id.login.password).fill(password);
    await page.getByRole("button", { name: id.login.submit }).click();
    await page.waitForURL(/\/products/, WAIT);

    await page.getByTestId("product-row").nth(49).waitFor(WAIT);
    await walk("products");
    await page.getByLabel(id.products.selectPage).check();
    await page.getByTestId("selected-count").waitFor(WAIT);
    await walk("products-selected");
    await page.goto("/products?status=FAILED");
    await page.getByTestId("product-row").first().waitFor(WAIT);
    await page.getByRole("button", { name: id.products.why }).first().click();
    await page.locator(".error-list").first().waitFor(WAIT);
    await walk("products-failed");
    await page.goto("/products?q=tidak-ada-yang-cocok");
    await page.getByText(id.products.noMatch).waitFor(WAIT);
    await walk("products-no-match");

    await page.goto(`/products/${brokenProduct}`);
    await page.getByTestId("listing-SHOPEE").waitFor(WAIT);
    await walk("product");
    await page.getByRole("button", { name: id.product.edit }).click();
    await page.getByLabel(id.edit.description).waitFor(WAIT);
    await walk("product-edit");
    // Refused by the server, not the form: each field's refusal is said from its rule.
    await page.getByLabel(id.products.stock, { exact: true }).fill("-5");
    await page.locator('input[name="price"]').fill("12.345");
    await page.getByLabel(id.products.productTitle, { exact: true }).fill("   ");
    await page.getByRole("button", { name: id.edit.save }).click();
    await page.locator("#error-title").waitFor(WAIT);
    expect(await page.locator("#error-stock").textContent()).toBe(
      id.refusals.rule.MIN.replace("{{min, number}}", "0"),
    );
    expect(await page.locator("#error-price").textContent()).toBe(
      id.refusals.rule.DECIMAL_PLACES.replace("{{max}}", "2"),
    );
    expect(await page.locator("#error-title").textContent()).toBe(id.refusals.rule.BLANK);
    await walk("product-edit-refused");
    await page.getByRole("button", { name: id.edit.cancel }).click();
    await page.goto("/products/999999999");
    await page.getByText(id.product.notFound).waitFor(WAIT);
    await walk("product-not-found");

    await page.goto("/batches");
    await page.getByTestId("batch-row").nth(1).waitFor(WAIT);
    await walk("batches");
    await page.getByLabel(id.startBatch.searchLabel).fill("Kaos");
    // The button names the count once it is known: the message up to its number.
    const startMatching = id.startBatch.startItems_other.split("{{")[0]!;
    await page.getByRole("button", { name: startMatching }).waitFor(WAIT);
    await walk("batches-start-matching");
    await page.goto(`/batches/${finished.id}`);
    await page.getByTestId("live-badge").getByText(id.batch.live.finished).waitFor(WAIT);
    await page.getByTestId("feed-row").first().waitFor(WAIT);
    await walk("batch-finished");
    await page.getByLabel(id.liveFeed.problemsOnly).check();
    await page.locator('[data-testid="feed-row"][data-status="DEAD_LETTERED"]').first().waitFor(WAIT);
    await walk("batch-problems");
    await page.goto(`/batches/${running.id}`);
    await page.getByTestId("live-badge").getByText(id.batch.live.live).waitFor(WAIT);
    await walk("batch-running");
    await page.getByRole("button", { name: id.batch.cancel.button }).click();
    await page.getByTestId("cancel-confirm").waitFor(WAIT);
    await walk("batch-cancel-confirm");
    await page.getByRole("button", { name: id.batch.cancel.keep }).click();
    await page.getByRole("button", { name: id.batch.cancel.button }).waitFor(WAIT);
    await page.goto("/batches/00000000-0000-4000-8000-000000000000");
    await page.getByText(id.batch.notFound).waitFor(WAIT);
    await walk("batch-not-found");

    await page.goto("/dead-letters");
    await page.getByTestId("dead-letter").first().waitFor(WAIT);
    await page.getByRole("button", { name: id.deadLetters.lastCall }).first().click();
    await page.locator('[data-testid="no-call"], .json-pair').first().waitFor(WAIT);
    await walk("dead-letters");
    await page.getByRole("button", { name: id.deadLetters.retry, exact: true }).first().click();
    await page.getByTestId("dead-letter-notice").waitFor(WAIT);
    await walk("dead-letters-retrying");

    await page.goto("/logs");
    await page.getByTestId("log-entry").first().waitFor(WAIT);
    await page.getByTestId("log-entry").first().getByRole("button").click();
    await page.getByRole("figure").first().waitFor(WAIT);
    await walk("sync-log");

    await page.goto("/analytics");
    await page.getByTestId("chart-throughput").locator("canvas").first().waitFor(WAIT);
    await page.getByTestId("slow-endpoint").first().waitFor(WAIT);
    await page.locator('[data-testid="channel-errors"][data-value]').first().waitFor(WAIT);
    await walk("analytics");

    await page.goto("/channels");
    await page.getByTestId("channel").nth(1).waitFor(WAIT);
    await page.getByTestId("channel-coverage").first().waitFor(WAIT);
    await walk("channels");

    await page.goto("/queues");
    await page.getByTestId("queue").nth(1).waitFor(WAIT);
    await page.getByText(id.queues.paused).first().waitFor(WAIT);
    await walk("queues");

    await page.goto("/import");
    // Every column the import reads, as its header: the page names them back as they are spelled.
    const csv = [
      "sku;title;description;brand;category;price;currency;stock;weight_grams;length_cm;width_cm;height_cm;images;attributes",
      "I18N-1;Kaos polos katun lengan pendek;Katun;Polos;Fashion;150000;IDR;4;200;30;20;2;;",
      "I18N-2;Kemeja flanel kotak-kotak;;;Fashion;99000;IDR;3;;;;;;",
      // Rejected rows, each problem said from its rule in the table.
      "I18N-3;Tas ransel;;;;-5;IDR;-1;;;;;;",
      "I18N-1;Kaos yang sama lagi;;;;1000;IDR;1;;;;;;",
      "I18N-4;Botol minum;;;;12.345;idr;banyak;0;3;;;;",
      "I18N-5;Baris pendek",
      ";Tanpa SKU;;;;1000;IDR;1;;;;;;",
    ].join("\r\n");
    // The file's own cells are data the page may show back.
    for (const cell of csv.split(/[;\r\n]+/)) data.add(cell);
    await page
      .getByLabel(id.import.file)
      .setInputFiles({ name: "katalog.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByTestId("import-preview").waitFor(WAIT);
    await expect.poll(() => page.getByTestId("rejected-row").count(), WAIT).toBe(5);
    // Every problem of every rejected row has a rule the catalog says (none left in the server's words).
    const rules = await page
      .locator("[data-testid=rejected-row] li[data-rule]")
      .evaluateAll((lis) => lis.map((li) => li.getAttribute("data-rule")));
    expect(rules.length).toBeGreaterThanOrEqual(9);
    for (const rule of rules) expect(Object.keys(id.refusals.rule)).toContain(rule);
    await walk("import-preview");
    await page.getByRole("button", { name: id.import.run_other.replace("{{count, number}}", "2") }).click();
    await page.getByTestId("import-done").waitFor(WAIT);
    await walk("import-done");
    // A file refused as a whole: its header names columns the import does not read.
    const badHeader = "sku;title;price;currency;stock;warna;ukuran\r\nI18N-9;Kaos;1000;IDR;1;Merah;XL";
    for (const cell of badHeader.split(/[;\r\n]+/)) data.add(cell);
    await page
      .getByLabel(id.import.file)
      .setInputFiles({ name: "kolom-salah.csv", mimeType: "text/csv", buffer: Buffer.from(badHeader) });
    await page.getByRole("alert").waitFor(WAIT);
    expect(await page.getByRole("alert").textContent()).toBe(
      id.refusals.rule.UNKNOWN_COLUMNS.replace("{{columns}}", "warna, ukuran"),
    );
    await walk("import-bad-header");

    await page.goto("/users");
    await page.getByText("Budi Operator").waitFor(WAIT);
    await walk("users");
    await page.getByRole("button", { name: id.users.resetPassword }).first().click();
    await page.getByRole("button", { name: id.users.save }).waitFor(WAIT);
    await walk("users-reset-password");

    await page.goto("/no-such-page");
    await page.getByText(id.notFound.title).waitFor(WAIT);
    await walk("not-found");
    expect(await page.title()).toBe(`${id.notFound.title} · SyncStore`);

    await api(`mutation ($id: ID!) { resumeChannel(id: $id) { userErrors { message } } }`, {
      id: held.channelId,
    });
    console.log(`checked ${checked} strings on ${states} states; ${data.size} data strings`);
    expect(findings).toEqual({});
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
