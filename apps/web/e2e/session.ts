// What the browser tests share beyond the started product: a Chromium signed in with the admin key,
// GraphQL calls as that key, the simulators' latency, and waiting for a batch to end.
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import type { RunningProduct } from "./product";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
];

/**
 * The browser language of the tests that read English words: the dashboard follows the browser, so a
 * machine set to another language must not change what they see. The language test sets its own.
 */
export const ENGLISH = "en-US";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A context whose pages are signed in with the admin API key (the dashboard accepts any bearer). */
export async function signedInContext(
  browser: Browser,
  product: RunningProduct,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, baseURL: product.baseUrl, locale: ENGLISH });
  await context.addInitScript((key) => localStorage.setItem("syncstore.token", key), product.adminApiKey);
  return context;
}

export interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function graphql<T>(
  product: RunningProduct,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLAnswer<T>> {
  const res = await fetch(`${product.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${product.adminApiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLAnswer<T>;
}

export async function simLatency(product: RunningProduct, latencyMs: number, jitterMs = 0): Promise<void> {
  for (const sim of [product.shopeeSim, product.tiktokSim]) {
    const res = await fetch(`${sim}/__sim/settings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ latencyMs, jitterMs }),
    });
    if (!res.ok) throw new Error(`simulator ${sim} settings answered ${res.status}`);
  }
}

export interface BatchNumbers {
  id: string;
  status: string;
  total: number;
  queued: number;
  running: number;
  failed: number;
  succeeded: number;
  skipped: number;
  deadLettered: number;
  cancelled: number;
  percent: number;
}

const BATCH_FIELDS = "id status total queued running failed succeeded skipped deadLettered cancelled percent";

/** Starts a sync of the first `count` products (by the catalog's order) on both platforms. */
export async function startBatch(product: RunningProduct, count: number): Promise<BatchNumbers> {
  const ids: string[] = [];
  let after: string | null = null;
  while (ids.length < count) {
    const page: GraphQLAnswer<{
      products: {
        edges: { node: { id: string } }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
    }> = await graphql(
      product,
      `
        query ($after: String, $first: Int) {
          products(first: $first, after: $after) {
            edges {
              node {
                id
              }
            }
            pageInfo {
              endCursor
              hasNextPage
            }
          }
        }
      `,
      { after, first: Math.min(100, count - ids.length) },
    );
    const products = page.data?.products;
    if (!products) throw new Error(`products: ${JSON.stringify(page.errors)}`);
    ids.push(...products.edges.map((e) => e.node.id));
    if (!products.pageInfo.hasNextPage) break;
    after = products.pageInfo.endCursor;
  }
  const started = await graphql<{ startBatchSync: { batch: BatchNumbers | null; userErrors: unknown[] } }>(
    product,
    `mutation ($input: StartBatchSyncInput!) { startBatchSync(input: $input) { batch { ${BATCH_FIELDS} } userErrors { message } } }`,
    { input: { productIds: ids, platforms: ["SHOPEE", "TIKTOK_SHOP"], force: true } },
  );
  const batch = started.data?.startBatchSync.batch;
  if (!batch) throw new Error(`startBatchSync: ${JSON.stringify(started)}`);
  return batch;
}

export async function readBatch(product: RunningProduct, id: string): Promise<BatchNumbers> {
  const answer = await graphql<{ batch: BatchNumbers | null }>(
    product,
    `query ($id: ID!) { batch(id: $id) { ${BATCH_FIELDS} } }`,
    { id },
  );
  if (!answer.data?.batch) throw new Error(`batch ${id}: ${JSON.stringify(answer.errors)}`);
  return answer.data.batch;
}

const FINAL = new Set(["COMPLETED", "COMPLETED_WITH_ERRORS", "CANCELLED"]);

/** Polls the API until the batch's status is final and nothing in it is still in flight. */
export async function waitForBatchEnd(
  product: RunningProduct,
  id: string,
  timeoutMs = 120_000,
): Promise<BatchNumbers> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const b = await readBatch(product, id);
    if (FINAL.has(b.status) && b.queued + b.running + b.failed === 0) return b;
    if (Date.now() > deadline) throw new Error(`batch ${id} did not end: ${JSON.stringify(b)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
