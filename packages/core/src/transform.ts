import { normalizeCurrency } from "./currency";
import { InvalidInputError } from "./invalid-input";
import { type ListingRules, listingRulesFor } from "./listing-rules";
import type { ChannelSettings, ListingPayload, MasterProduct } from "./model";
import { channelPrice } from "./pricing";
import { type ValidationProblem, problem } from "./problems";
import { seoTitle } from "./title";
import { validateListing } from "./validation";

export interface TransformResult {
  payload: ListingPayload;
  /** Empty when the payload may be sent. */
  problems: ValidationProblem[];
  titleSimilarity: number;
}

/**
 * Collects problems found while transforming. A field whose value could not be computed is
 * remembered so validation does not report the placeholder as a second, misleading problem.
 */
class Findings {
  readonly problems: ValidationProblem[] = [];
  readonly unknownFields = new Set<string>();

  add(p: ValidationProblem): void {
    if (!this.problems.some((q) => q.field === p.field && q.message === p.message)) this.problems.push(p);
  }

  /** `fn()`, or `fallback` with the failure recorded; `field` is the output the failure leaves unknown. */
  compute<T>(field: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
      // A master price error says `price`; inside a variant it is that variant's price.
      const at = e.field === "price" ? field : e.field;
      this.add(problem(at, e.code, at === e.field ? e.message : e.message.replace(/^price/, at)));
      this.unknownFields.add(field);
      return fallback;
    }
  }
}

function sameCurrencyOrNull(product: MasterProduct, channel: ChannelSettings, f: Findings): string | null {
  const sells = f.compute("currency", null, () => normalizeCurrency(channel.currency, "channel.currency"));
  const priced = f.compute("currency", null, () => normalizeCurrency(product.currency));
  if (sells === null || priced === null) return null;
  if (sells !== priced) {
    f.add(
      problem(
        "currency",
        "CURRENCY_MISMATCH",
        `currency ${priced} of the product differs from the channel's currency ${sells}; SyncStore does not convert currencies`,
      ),
    );
    return null;
  }
  return sells;
}

/**
 * The listing one channel gets for one product, and every reason it cannot be sent. Pure and
 * deterministic: the same product and channel always give the same payload, which is what makes
 * the content hash a reliable "nothing changed" signal. Bad data never throws; it becomes a
 * problem naming its field.
 */
export function transformProduct(
  product: MasterProduct,
  channel: ChannelSettings,
  rules?: ListingRules,
): TransformResult {
  const f = new Findings();
  const resolvedRules = rules ?? f.compute("platform", undefined, () => listingRulesFor(channel));
  const currency = sameCurrencyOrNull(product, channel, f);
  const price = (field: string, master: string): number => {
    if (currency === null) {
      f.unknownFields.add(field);
      return 0;
    }
    return f.compute(field, 0, () => channelPrice(master, channel.priceMultiplier, currency));
  };

  const { title, similarity } = f.compute("title", { title: product.title, similarity: 1 }, () =>
    seoTitle(product, {
      platform: channel.platform,
      minLength: channel.titleMinLength,
      maxLength: channel.titleMaxLength,
    }),
  );

  const payload: ListingPayload = {
    platform: channel.platform,
    sellerSku: product.sku,
    title,
    description: product.description,
    brand: product.brand,
    category: product.category,
    price: price("price", product.price),
    currency: currency ?? channel.currency,
    stock: product.stock,
    weightKg: product.weightGrams === null ? null : product.weightGrams / 1000,
    dimensions: product.dimensions === null ? null : { ...product.dimensions },
    images: [...product.images],
    attributes: { ...product.attributes },
    variants: product.variants.map((v, i) => ({
      sellerSku: v.sku,
      options: { ...v.options },
      price: price(`variants[${i}].price`, v.price),
      stock: v.stock,
      image: v.image,
    })),
  };

  const validation = validateListing(payload, resolvedRules).filter((p) => !f.unknownFields.has(p.field));
  return { payload, problems: [...f.problems, ...validation], titleSimilarity: similarity };
}
