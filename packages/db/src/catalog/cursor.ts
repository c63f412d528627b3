import { decodeCursor, encodeCursor, InvalidCursorError, isBigintPosition } from "@syncstore/core";

export { InvalidCursorError };

/** Products are paged by id; `p1` versions the position so its format can change later. */
const KIND = "p1";

export function encodeProductCursor(id: string): string {
  return encodeCursor(KIND, id);
}

/** The product id inside a cursor; InvalidCursorError for anything else. */
export function decodeProductCursor(cursor: string, argument = "after"): string {
  return decodeCursor(KIND, cursor, isBigintPosition, argument);
}

/**
 * What the products list can be ordered by. CREATED_AT is the order products were created in, which
 * their ids keep exactly (rows of one import share a timestamp); ascending it is the default and keeps
 * the `p1` cursor.
 */
export const PRODUCT_ORDER_FIELDS = ["CREATED_AT", "SKU", "TITLE", "PRICE", "STOCK", "UPDATED_AT"] as const;
export type ProductOrderField = (typeof PRODUCT_ORDER_FIELDS)[number];
export type OrderDirection = "ASC" | "DESC";
export interface ProductOrder {
  field: ProductOrderField;
  direction: OrderDirection;
}

/** Where an ordered page starts: the last row's sort value (as text) and id. */
export interface OrderedPosition {
  value: string;
  id: string;
}

/** Another order's positions: `<field>:<direction>:<id>:<value>`, so a cursor of one order is refused by another. */
const ORDERED_KIND = "p2";
const MAX_TEXT_VALUE = 2000;

const VALUE_SHAPES: Record<ProductOrderField, (v: string) => boolean> = {
  CREATED_AT: isBigintPosition,
  SKU: (v) => v.length <= MAX_TEXT_VALUE,
  TITLE: (v) => v.length <= MAX_TEXT_VALUE,
  PRICE: (v) => /^\d{1,12}(\.\d{1,4})?$/.test(v),
  STOCK: (v) => /^-?\d{1,10}$/.test(v),
  // Microseconds since the epoch: exact, where a JavaScript Date would drop the last three digits.
  UPDATED_AT: (v) => /^-?\d{1,18}$/.test(v),
};

export function encodeOrderedProductCursor(order: ProductOrder, position: OrderedPosition): string {
  return encodeCursor(ORDERED_KIND, `${order.field}:${order.direction}:${position.id}:${position.value}`);
}

/** The position inside a cursor of exactly this order; InvalidCursorError for anything else. */
export function decodeOrderedProductCursor(
  order: ProductOrder,
  cursor: string,
  argument = "after",
): OrderedPosition {
  const prefix = `${order.field}:${order.direction}:`;
  const position = decodeCursor(
    ORDERED_KIND,
    cursor,
    (p) => {
      if (!p.startsWith(prefix)) return false;
      const rest = p.slice(prefix.length);
      const colon = rest.indexOf(":");
      return (
        colon > 0 &&
        isBigintPosition(rest.slice(0, colon)) &&
        VALUE_SHAPES[order.field](rest.slice(colon + 1))
      );
    },
    argument,
  );
  const rest = position.slice(prefix.length);
  const colon = rest.indexOf(":");
  return { id: rest.slice(0, colon), value: rest.slice(colon + 1) };
}
