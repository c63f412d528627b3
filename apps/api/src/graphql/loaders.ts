import DataLoader from "dataloader";
import type { SignInFailures } from "../auth/users";
import type { Services } from "../services";
import type { PricedChannel } from "../services/catalog.service";
import type { Listing, Product, Variant } from "./types/product";
import type { Channel, ChannelMappingCoverage } from "./types/channel";
import type { BatchOrigin } from "./types/batch-origin";

/** Per-request batching: a page of 50 products costs one query for variants and one for listings. */
export interface Loaders {
  product: DataLoader<string, Product | null>;
  variants: DataLoader<string, Variant[]>;
  listings: DataLoader<string, Listing[]>;
  /** A page of users costs one query for their recent failed sign-ins. */
  signInFailures: DataLoader<string, SignInFailures>;
  /** The enabled channels, read once per request however many products ask. */
  channels(): Promise<PricedChannel[]>;
  /** Every channel, disabled ones too, by id: `Listing.channel` for a page costs one query. */
  channel(id: string): Promise<Channel | null>;
  /** Every channel of a `channels` answer shares one pass over the catalog. */
  mappingCoverage: DataLoader<string, ChannelMappingCoverage>;
  /** `productId:channelId` → the field the listing's open dead letter names; one query per page. */
  openFailureField: DataLoader<string, string | null>;
  /** A page of batches costs one query for who started them and on what. */
  batchOrigin: DataLoader<string, BatchOrigin>;
}

export function createLoaders(services: Services): Loaders {
  let channels: Promise<PricedChannel[]> | null = null;
  let byId: Promise<Map<string, Channel>> | null = null;
  return {
    channel: async (id) => {
      byId ??= services.channels.list().then((all) => new Map(all.map((c) => [c.id, c])));
      return (await byId).get(id) ?? null;
    },
    channels: () => (channels ??= services.catalog.pricedChannels()),
    product: new DataLoader((ids) => services.catalog.productsByIds(ids)),
    variants: new DataLoader((ids) => services.catalog.variantsByProductIds(ids)),
    listings: new DataLoader((ids) => services.catalog.listingsByProductIds(ids)),
    signInFailures: new DataLoader((ids) => services.auth.users.recentSignInFailures(ids)),
    mappingCoverage: new DataLoader((ids) => services.channels.coverage(ids)),
    batchOrigin: new DataLoader((ids) => services.syncQueries.origins(ids)),
    openFailureField: new DataLoader((keys) => services.catalog.openFailureFields(keys)),
  };
}
