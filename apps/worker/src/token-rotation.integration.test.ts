import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretsBox, channelTokenAad, loadConfig } from "@syncstore/config";
import { seedChannels } from "@syncstore/db";
import { createTestDatabase, type TestDatabase } from "@syncstore/db/testing";
import { DbTokenStore } from "./token-store";

const OLD = "the-key-before-rotation-0123456789";
const NEW = "the-key-after-rotation-9876543210";
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedChannels(db.dataSource, loadConfig({ SECRETS_KEY: OLD }));
});
afterAll(async () => {
  await db?.drop();
});

describe("DbTokenStore after a SECRETS_KEY rotation", () => {
  it("reads tokens sealed with SECRETS_KEY_PREVIOUS and stores them again under SECRETS_KEY", async () => {
    const config = loadConfig({ SECRETS_KEY: NEW, SECRETS_KEY_PREVIOUS: OLD });
    const [row] = (await db.dataSource.query(
      "SELECT id::text, shop_id FROM channels WHERE platform = 'SHOPEE'",
    )) as { id: string; shop_id: string }[];
    const store = new DbTokenStore(
      db.dataSource,
      row!.id,
      { accessToken: "-", refreshToken: "-", accessTokenExpiresAt: null, refreshTokenExpiresAt: null },
      SecretsBox.fromConfig(config),
      { platform: "SHOPEE", shopId: row!.shop_id },
    );
    expect((await store.load()).accessToken).toBe(config.SHOPEE_ACCESS_TOKEN);

    const [after] = (await db.dataSource.query(
      "SELECT access_token, refresh_token FROM channels WHERE id = $1",
      [row!.id],
    )) as { access_token: string; refresh_token: string }[];
    // The new key alone opens the row now: the old one can be retired.
    const onlyNew = new SecretsBox(NEW);
    expect(
      onlyNew.decrypt(after!.access_token, channelTokenAad("SHOPEE", row!.shop_id, "access_token")),
    ).toBe(config.SHOPEE_ACCESS_TOKEN);
    expect(
      onlyNew.decrypt(after!.refresh_token, channelTokenAad("SHOPEE", row!.shop_id, "refresh_token")),
    ).toBe(config.SHOPEE_REFRESH_TOKEN);
    expect(() =>
      new SecretsBox(OLD).decrypt(
        after!.access_token,
        channelTokenAad("SHOPEE", row!.shop_id, "access_token"),
      ),
    ).toThrow();
  });
});
