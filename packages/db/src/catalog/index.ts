export {
  InvalidCursorError,
  encodeProductCursor,
  decodeProductCursor,
  PRODUCT_ORDER_FIELDS,
  type ProductOrder,
  type ProductOrderField,
  type OrderDirection,
} from "./cursor";
export {
  listProducts,
  escapeLike,
  MAX_PAGE_SIZE,
  DEFAULT_PAGE_SIZE,
  type ListProductsArgs,
  type ProductFilters,
  type ProductPage,
} from "./list-products";
export {
  loadProductsByIds,
  loadVariantsByProductIds,
  loadListingsByProductIds,
  loadChannels,
  groupBy,
  type ListingWithChannel,
} from "./loaders";
export { toMasterProduct, toChannelSettings } from "./mappers";
export {
  updateProduct,
  validateProductPatch,
  type ProductPatch,
  type ValidProductPatch,
  type UpdateProductResult,
} from "./update-product";
export { LIMITS, isImageUrl, type FieldError, type FieldErrorCode } from "./product-rules";
export { isBigintId, type Queryable } from "./queryable";
export {
  insertNewProducts,
  upsertProducts,
  markListingsOutOfDate,
  type NewProduct,
  type NewVariant,
  type WrittenProduct,
} from "./write-products";
export * from "./import";
export * from "./export";
