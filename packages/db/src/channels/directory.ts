import type { DataSource } from "typeorm";
import type { ChannelSettings, Platform } from "@syncstore/core";
import { loadChannels } from "../catalog/loaders";
import { toChannelSettings } from "../catalog/mappers";

/** A channel as the API's sync and queue operations see it: which shop, on which marketplace. */
export interface ChannelRef {
  id: string;
  platform: Platform;
  shopId: string;
  enabled: boolean;
}

/** A channel as the worker runs it: core's settings, whether it runs, and how fast it may call. */
export interface RunnableChannel {
  settings: ChannelSettings;
  enabled: boolean;
  /** Calls per second the worker spaces this channel's requests to; null: no spacing of ours. */
  rateLimitPerSecond: number | null;
}

interface ChannelRefRow {
  id: string;
  platform: Platform;
  shop_id: string;
  enabled: boolean;
}

const COLUMNS = "id::text, platform, shop_id, enabled";
const toRef = (r: ChannelRefRow): ChannelRef => ({
  id: r.id,
  platform: r.platform,
  shopId: r.shop_id,
  enabled: r.enabled,
});

/** Looks channels up by id or marketplace; ids that are not bigints find nothing instead of failing. */
export class ChannelDirectory {
  constructor(private readonly ds: DataSource) {}

  async byId(id: string): Promise<ChannelRef | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const rows: ChannelRefRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM channels WHERE id = $1`, [id]);
    return rows[0] ? toRef(rows[0]) : null;
  }

  /** Every channel, disabled ones too, in id order. */
  async all(): Promise<ChannelRef[]> {
    const rows: ChannelRefRow[] = await this.ds.query(`SELECT ${COLUMNS} FROM channels ORDER BY id`);
    return rows.map(toRef);
  }

  /** Enabled channels, of the given marketplaces when `platforms` is given, in id order. */
  async enabled(platforms?: readonly string[]): Promise<ChannelRef[]> {
    const rows: ChannelRefRow[] = platforms
      ? await this.ds.query(
          `SELECT ${COLUMNS} FROM channels WHERE enabled AND platform = ANY($1::text[]) ORDER BY id`,
          [platforms],
        )
      : await this.ds.query(`SELECT ${COLUMNS} FROM channels WHERE enabled ORDER BY id`);
    return rows.map(toRef);
  }

  /** Every channel, disabled ones too, in id order, as the worker runs them. */
  async runnable(): Promise<RunnableChannel[]> {
    const channels = await loadChannels(this.ds);
    return channels.map((c) => ({
      settings: toChannelSettings(c),
      enabled: c.enabled,
      rateLimitPerSecond: c.rateLimitPerSecond,
    }));
  }
}
