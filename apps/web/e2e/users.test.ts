// Locking out a compromised person from the dashboard, in a real Chromium against the started product:
// an admin sees the failed sign-ins on the Users page, disables the account, and the person's open
// dashboard is signed out on its next request; role change and password reset work from the same row.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { root, startProduct, type RunningProduct } from "./product";
import { ENGLISH, graphql, launchChromium } from "./session";

const SHOTS = path.join(root, "test-output/screenshots");
const STEP = 180_000;
const WAIT = { timeout: 60_000 };
const PASSWORD = "correct horse battery staple";

let product: RunningProduct;
let browser: Browser;

async function createUser(role: "ADMIN" | "OPERATOR", name: string): Promise<string> {
  const email = `${role.toLowerCase()}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const res = await graphql<{ createUser: { userErrors: unknown[] } }>(
    product,
    "mutation ($input: CreateUserInput!) { createUser(input: $input) { userErrors { message } } }",
    { input: { email, password: PASSWORD, role, name } },
  );
  expect(res.data?.createUser.userErrors).toEqual([]);
  return email;
}

/** A sign-in straight against the API, the way an attacker (or a script) would. */
async function apiSignIn(email: string, password: string) {
  const res = await fetch(`${product.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: "mutation ($input: SignInInput!) { signIn(input: $input) { token userErrors { code } } }",
      variables: { input: { email, password } },
    }),
  });
  return (
    (await res.json()) as { data: { signIn: { token: string | null; userErrors: { code: string }[] } } }
  ).data.signIn;
}

/** A fresh browser signed in through the login page. */
async function signedInPage(email: string, to: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    baseURL: product.baseUrl,
    locale: ENGLISH,
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") console.log(`[browser] ${m.text()}`);
  });
  await page.goto(to);
  await page.waitForURL(/\/login/, WAIT);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(new RegExp(to), WAIT);
  return page;
}

describe.sequential("Users page, end to end", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    product = await startProduct();
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it(
    "an admin sees the failed sign-ins and locks the person out; their open dashboard is signed out",
    async () => {
      const adminEmail = await createUser("ADMIN", "Ada Admin");
      const victimEmail = await createUser("OPERATOR", "Olga Operator");
      const victim = await signedInPage(victimEmail, "/products");

      // Someone guesses at Olga's password.
      for (const guess of ["password123!", "letmein-please"])
        expect((await apiSignIn(victimEmail, guess)).userErrors).toEqual([{ code: "INVALID_CREDENTIALS" }]);

      const admin = await signedInPage(adminEmail, "/products");
      await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
      await admin.waitForURL(/\/users/, WAIT);
      const row = admin.locator(`[data-testid="user-row"][data-email="${victimEmail}"]`);
      await expect
        .poll(() => row.getByTestId("failed-sign-ins").innerText(), WAIT)
        .toMatch(/^2 in 7 days · last /);
      expect(await row.getByTestId("failed-sign-ins").innerText()).toContain("127.0.0.1");
      await admin.screenshot({ path: path.join(SHOTS, "users-page.png"), fullPage: true });

      await row.getByRole("button", { name: "Disable" }).click();
      await row.getByText(`${victimEmail} is disabled`).waitFor(WAIT);
      await row.getByRole("button", { name: "Enable" }).waitFor(WAIT);

      // Olga's open dashboard: its next request is refused and it goes back to the login page.
      await victim.reload();
      await victim.waitForURL(/\/login/, WAIT);
      expect((await apiSignIn(victimEmail, PASSWORD)).userErrors).toEqual([{ code: "ACCOUNT_DISABLED" }]);

      // A role change, enabling again, and a new password, all from the same row.
      await row.getByRole("combobox", { name: `Role of ${victimEmail}` }).selectOption("VIEWER");
      await row.getByText(`${victimEmail} is now Viewer.`).waitFor(WAIT);
      await row.getByRole("button", { name: "Enable" }).click();
      await row.getByText(`${victimEmail} can sign in again.`).waitFor(WAIT);
      await row.getByRole("button", { name: "Reset password" }).click();
      await row.getByPlaceholder(`New password for ${victimEmail}`).fill("a fresh passphrase 42");
      await row.getByRole("button", { name: "Set password", exact: true }).click();
      await row.getByText(`New password set for ${victimEmail}`).waitFor(WAIT);
      expect((await apiSignIn(victimEmail, PASSWORD)).userErrors).toEqual([{ code: "INVALID_CREDENTIALS" }]);
      expect((await apiSignIn(victimEmail, "a fresh passphrase 42")).token).toMatch(/^sst_/);
      await admin.screenshot({ path: path.join(SHOTS, "users-page-after.png"), fullPage: true });
    },
    STEP,
  );

  it(
    "is not offered to people who are not admins",
    async () => {
      const operator = await signedInPage(await createUser("OPERATOR", "Otto Operator"), "/users");
      await operator.getByText("Only admins manage users").waitFor(WAIT);
      expect(
        await operator.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).count(),
      ).toBe(0);
    },
    STEP,
  );
});
