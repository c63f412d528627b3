import { Arg, Authorized, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Permission, permissionsOf } from "../../auth";
import type { ApiContext } from "../context";
import { pageSize } from "../pagination";
import { ChannelPrice, Listing, Product, ProductConnection, Variant } from "../types/product";
import { expectedChannelPrice } from "../../services/channel-prices";
import { ProductsArgs, UpdateProductInput, UpdateProductPayload } from "../types/product-inputs";
import { userInputError } from "../errors";
import { isBigintId } from "../cursor";

@Resolver(() => Product)
export class ProductResolver {
  @Authorized(Permission.READ)
  @Query(() => ProductConnection, {
    description:
      "The master catalog, in id order unless `orderBy` says otherwise, searchable and filterable.",
  })
  products(
    @Args() { first, after, search, listingStatus, platform, orderBy }: ProductsArgs,
    @Ctx() ctx: ApiContext,
  ): Promise<ProductConnection> {
    return ctx.services.catalog.list({
      first: pageSize(first),
      after: after ?? null,
      search: search?.trim() || null,
      listingStatus: listingStatus ?? null,
      platform: platform ?? null,
      orderBy: orderBy ?? null,
    });
  }

  @Authorized(Permission.READ)
  @Query(() => Product, { nullable: true })
  product(@Arg("id", () => ID) id: string, @Ctx() ctx: ApiContext): Promise<Product | null> {
    if (!isBigintId(id))
      throw userInputError(`id is not a valid product id: ${JSON.stringify(id.slice(0, 64))}`, "id");
    return ctx.loaders.product.load(id);
  }

  @FieldResolver(() => [String], { description: "Image URLs; relative ones are served by this API." })
  images(@Root() product: Product, @Ctx() ctx: ApiContext): string[] {
    // New URLs with user:password@ are refused; older ones keep working for the worker, but their
    // credentials are shown only to those who may edit the product, never to readers and partners.
    if (ctx.viewer && permissionsOf(ctx.viewer).has(Permission.EDIT)) return product.images;
    return product.images.map(withoutCredentials);
  }

  @FieldResolver(() => [String], {
    description:
      "`images` as the dashboard shows them, from this API's origin: `/media/` paths as they are, " +
      "other URLs through the API's image proxy (signed links, fetched from public addresses only).",
  })
  imageDisplayUrls(@Root() product: Product, @Ctx() ctx: ApiContext): string[] {
    return product.images.map((image) => ctx.services.media.displayUrl(withoutCredentials(image)));
  }

  @FieldResolver(() => [Variant])
  variants(@Root() product: Product, @Ctx() ctx: ApiContext): Promise<Variant[]> {
    return ctx.loaders.variants.load(product.id);
  }

  @FieldResolver(() => [Listing], { description: "One per channel the product has been synced to." })
  async listings(@Root() product: Product, @Ctx() ctx: ApiContext): Promise<Listing[]> {
    const listings = await ctx.loaders.listings.load(product.id);
    return listings.map((l) => ({ ...l, expectedPrice: expectedChannelPrice(product, l.pricing) }));
  }

  @FieldResolver(() => [ChannelPrice], {
    description:
      "The product's price on every enabled channel from the channel's configured multiplier, listed or not: " +
      "what the next sync sends.",
  })
  async channelPrices(@Root() product: Product, @Ctx() ctx: ApiContext): Promise<ChannelPrice[]> {
    const channels = await ctx.loaders.channels();
    return channels.map((c) => ({
      channelId: c.id,
      platform: c.platform,
      shopId: c.shopId,
      currency: c.currency,
      multiplier: c.priceMultiplier,
      expectedPrice: expectedChannelPrice(product, c),
    }));
  }

  @Authorized(Permission.EDIT)
  @Mutation(() => UpdateProductPayload, {
    description: "Edit the master product; its synced listings become OUT_OF_DATE.",
  })
  updateProduct(
    @Arg("input", () => UpdateProductInput) input: UpdateProductInput,
    @Ctx() ctx: ApiContext,
  ): Promise<UpdateProductPayload> {
    const { id, ...patch } = input;
    return ctx.services.catalog.update(id, patch);
  }
}

/** The URL without its user:password@ part (unchanged when it has none or is not absolute). */
export function withoutCredentials(image: string): string {
  try {
    const url = new URL(image);
    if (url.username === "" && url.password === "") return image;
    url.username = "";
    url.password = "";
    return url.toString();
  } catch {
    return image;
  }
}
