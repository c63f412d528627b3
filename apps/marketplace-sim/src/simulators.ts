import type http from "node:http";
import type { Config } from "@syncstore/config";
import { SimControl } from "./control";
import { createSimServer, listen } from "./http";
import { createShopeeSim } from "./shopee";
import { createTikTokSim } from "./tiktok";

export interface RunningSimulators {
  shopee: { url: string; control: SimControl; server: http.Server };
  tiktok: { url: string; control: SimControl; server: http.Server };
  /** TikTok Shop's auth host, sharing the TikTok simulator's shops, tokens and control. */
  tiktokAuth: { url: string; server: http.Server };
  close(): Promise<void>;
}

/**
 * Both marketplaces, configured from the same variables the clients read, so the embedded default
 * accepts exactly what SyncStore signs. Ports 0 pick free ports (tests); the auth host follows the
 * TikTok port's choice unless given its own.
 */
export async function startSimulators(
  config: Config,
  ports: { shopee?: number; tiktok?: number; tiktokAuth?: number } = {},
  host = process.env.SIM_HOST ?? "127.0.0.1",
): Promise<RunningSimulators> {
  const shopeeControl = new SimControl();
  const tiktokControl = new SimControl();
  const shopeeServer = createSimServer(
    shopeeControl,
    createShopeeSim(
      {
        partnerId: config.SHOPEE_PARTNER_ID,
        partnerKey: config.SHOPEE_PARTNER_KEY,
        shopId: config.SHOPEE_SHOP_ID,
        accessToken: config.SHOPEE_ACCESS_TOKEN,
        refreshToken: config.SHOPEE_REFRESH_TOKEN,
      },
      shopeeControl,
    ),
  );
  const tiktok = createTikTokSim(
    {
      appKey: config.TIKTOK_APP_KEY,
      appSecret: config.TIKTOK_APP_SECRET,
      shopCipher: config.TIKTOK_SHOP_CIPHER,
      accessToken: config.TIKTOK_ACCESS_TOKEN,
      refreshToken: config.TIKTOK_REFRESH_TOKEN,
      serviceId: config.TIKTOK_SERVICE_ID,
      redirectUrl: config.TIKTOK_REDIRECT_URL,
    },
    tiktokControl,
  );
  const tiktokServer = createSimServer(tiktokControl, tiktok);
  const tiktokAuthServer = createSimServer(tiktokControl, tiktok.authHost);
  const shopeePort = await listen(shopeeServer, ports.shopee ?? config.SIM_SHOPEE_PORT, host);
  const tiktokPort = await listen(tiktokServer, ports.tiktok ?? config.SIM_TIKTOK_PORT, host);
  const tiktokAuthPort = await listen(
    tiktokAuthServer,
    ports.tiktokAuth ?? (ports.tiktok === 0 ? 0 : config.SIM_TIKTOK_AUTH_PORT),
    host,
  );
  const close = (s: http.Server) =>
    new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  return {
    shopee: { url: `http://127.0.0.1:${shopeePort}`, control: shopeeControl, server: shopeeServer },
    tiktok: { url: `http://127.0.0.1:${tiktokPort}`, control: tiktokControl, server: tiktokServer },
    tiktokAuth: { url: `http://127.0.0.1:${tiktokAuthPort}`, server: tiktokAuthServer },
    async close() {
      await Promise.all([close(shopeeServer), close(tiktokServer), close(tiktokAuthServer)]);
    },
  };
}
