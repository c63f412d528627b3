import { channelPriceDecimal, InvalidInputError } from "@syncstore/core";

/**
 * The price a channel should show for a master price — the worker's own rule (core's
 * channelPriceDecimal), so the dashboard never recomputes it and cannot drift from what is sent.
 * Null when the product's currency is not the channel's (the worker refuses such a listing).
 */
export function expectedChannelPrice(
  master: { price: string; currency: string },
  channel: { priceMultiplier: string; currency: string },
): string | null {
  if (master.currency.trim().toUpperCase() !== channel.currency.trim().toUpperCase()) return null;
  try {
    return channelPriceDecimal(master.price, channel.priceMultiplier, channel.currency);
  } catch (e) {
    if (e instanceof InvalidInputError) return null;
    throw e;
  }
}
