import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Redis } from "ioredis";
import type { Platform } from "@syncstore/core";

/** What a connection remembers between connectChannel and the marketplace's redirect. */
export interface PendingConnection {
  platform: Platform;
  market: string;
  /** The name the new channel takes; null: the marketplace's shop name. */
  name: string | null;
  /** Who started it (users.id or api_keys.id): the channel change is theirs. */
  startedBy: string;
}

export type ConsumedState =
  | { ok: true; pending: PendingConnection }
  /** Not signed by us, or for another platform's callback: someone else's link. */
  | { ok: false; reason: "FOREIGN" }
  /** Signed by us but no longer pending: used once already, or older than its lifetime. */
  | { ok: false; reason: "USED_OR_EXPIRED" };

/** Long enough to read a consent page and sign in to the marketplace, short enough to be useless when leaked. */
export const CONNECT_STATE_TTL_SEC = 600;

/**
 * The `state` of a shop authorization: a random id, signed so forged values are refused before Redis
 * is asked, and stored server-side with a lifetime so it expires; GETDEL makes it single-use even
 * when two callbacks race.
 */
export class ConnectStates {
  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
    private readonly secret: string,
    private readonly ttlSec = CONNECT_STATE_TTL_SEC,
  ) {}

  async issue(pending: PendingConnection): Promise<string> {
    const id = randomBytes(18).toString("base64url");
    await this.redis.set(this.key(id), JSON.stringify(pending), "EX", this.ttlSec);
    return `${id}.${this.sign(id)}`;
  }

  async consume(state: string, platform: Platform): Promise<ConsumedState> {
    const [id, sig, ...rest] = state.split(".");
    if (!id || !sig || rest.length > 0 || !this.verify(id, sig)) return { ok: false, reason: "FOREIGN" };
    const raw = await this.redis.getdel(this.key(id));
    if (raw === null) return { ok: false, reason: "USED_OR_EXPIRED" };
    const pending = JSON.parse(raw) as PendingConnection;
    // Spent either way: a state is good for exactly one callback, of the platform it was made for.
    if (pending.platform !== platform) return { ok: false, reason: "FOREIGN" };
    return { ok: true, pending };
  }

  private key(id: string): string {
    return `${this.namespace}:connect-state:${id}`;
  }

  private sign(id: string): string {
    return createHmac("sha256", this.secret).update(`connect-state:${id}`).digest("base64url");
  }

  private verify(id: string, sig: string): boolean {
    const want = Buffer.from(this.sign(id));
    const got = Buffer.from(sig);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}
