import DataLoader from "dataloader";
import type { Services } from "../services";
import type { Listing, Product, Variant } from "./types/product";

/** Per-request batching: a page of 50 products costs one query for variants and one for listings. */
export interface Loaders {
  product: DataLoader<string, Product | null>;
  variants: DataLoader<string, Variant[]>;
  listings: DataLoader<string, Listing[]>;
}

export function createLoaders(services: Services): Loaders {
  return {
    product: new DataLoader((ids) => services.catalog.productsByIds(ids)),
    variants: new DataLoader((ids) => services.catalog.variantsByProductIds(ids)),
    listings: new DataLoader((ids) => services.catalog.listingsByProductIds(ids)),
  };
}
