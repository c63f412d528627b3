import { randomBytes } from "node:crypto";
import { Catalog } from "./catalog";

export interface TikTokShop {
  /** The shop's numeric id, as a string. */
  id: string;
  name: string;
  region: string;
  sellerType: "LOCAL" | "CROSS_BORDER";
  /** What every shop-level call passes as `shop_cipher`. */
  cipher: string;
  /** The shop code sellers see in Seller Center. */
  code: string;
  catalog: Catalog;
}

/** The authorized shops, by cipher; the configured one exists from the start. */
export class TikTokShops {
  private readonly byCipher = new Map<string, TikTokShop>();
  private sequence = 0;

  constructor(private readonly defaultCipher: string) {
    this.seed();
  }

  get(cipher: string | null | undefined): TikTokShop | undefined {
    return cipher ? this.byCipher.get(cipher) : undefined;
  }

  all(): TikTokShop[] {
    return [...this.byCipher.values()];
  }

  mint(name: string): TikTokShop {
    this.sequence++;
    return this.add({
      id: String(7_494_000_000_000_000_000n + BigInt(this.sequence)),
      name,
      region: "ID",
      sellerType: "LOCAL",
      cipher: `ROW_${randomBytes(12).toString("base64url")}`,
      code: `IDLC${String(this.sequence).padStart(4, "0")}SIM`,
      catalog: new Catalog(),
    });
  }

  reset(): void {
    this.byCipher.clear();
    this.sequence = 0;
    this.seed();
  }

  private seed(): void {
    this.add({
      id: "7494000000000000000",
      name: "SyncStore Demo Shop",
      region: "ID",
      sellerType: "LOCAL",
      cipher: this.defaultCipher,
      code: "IDLC0000SIM",
      catalog: new Catalog(),
    });
  }

  private add(shop: TikTokShop): TikTokShop {
    this.byCipher.set(shop.cipher, shop);
    return shop;
  }
}
