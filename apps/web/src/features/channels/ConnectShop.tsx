import { useState } from "react";
import { useMutation } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useCan } from "../../auth/useCan";
import type { Platform } from "../../gql/graphql";
import { refusalText } from "../../i18n/refusals";
import { platformLabel } from "../../ui/format";
import { errorMessage } from "../../ui/states";
import { channelsQuery, connectChannelMutation, disconnectChannelMutation } from "./operations";

const PLATFORMS: Platform[] = ["SHOPEE", "TIKTOK_SHOP"];

/** The callback's outcomes (apps/api connect.service); anything newer reads as the generic failure. */
const FAILURES = [
  "STATE_MISSING",
  "STATE_FOREIGN",
  "STATE_USED_OR_EXPIRED",
  "CODE_REFUSED",
  "NO_SHOPS",
  "MARKETPLACE_UNAVAILABLE",
  "UNKNOWN_PLATFORM",
  "UNEXPECTED",
] as const;
type Failure = (typeof FAILURES)[number];
const isFailure = (s: string): s is Failure => (FAILURES as readonly string[]).includes(s);

/**
 * Asks for the marketplace's consent page and sends the browser there; the marketplace brings the
 * seller back to this page through the API's callback.
 */
function useConnect(): { start: (platform: Platform) => void; busy: boolean; error: string | null } {
  const { t } = useTranslation();
  const [connect, { loading }] = useMutation(connectChannelMutation);
  const [error, setError] = useState<string | null>(null);
  const start = (platform: Platform) => {
    setError(null);
    connect({ variables: { input: { platform } } })
      .then(({ data }) => {
        const payload = data?.connectChannel;
        if (payload?.authorizationUrl) window.location.assign(payload.authorizationUrl);
        else setError((payload?.userErrors ?? []).map((u) => refusalText(t, u)).join("; "));
      })
      .catch((e: unknown) => setError(errorMessage(e instanceof Error ? e : new Error(String(e)))));
  };
  return { start, busy: loading, error };
}

/** "Connect a shop", one button per marketplace; admins only. */
export function ConnectShopButtons() {
  const { t } = useTranslation();
  const canAdmin = useCan("ADMIN");
  const { start, busy, error } = useConnect();
  if (!canAdmin) return null;
  return (
    <div className="connect-shop">
      {PLATFORMS.map((p) => (
        <button
          key={p}
          type="button"
          className="button button-small"
          data-testid="connect-shop"
          data-platform={p}
          disabled={busy}
          onClick={() => start(p)}
        >
          {t("channels.connect.button", { platform: platformLabel(p) })}
        </button>
      ))}
      {error && (
        <p className="notice notice-bad small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Reconnect (a new authorization of the same shop) and Disconnect, on a shop's card; admins only. */
export function ShopConnectionActions({
  channelId,
  platform,
  name,
  connected,
}: {
  channelId: string;
  platform: Platform;
  name: string;
  connected: boolean;
}) {
  const { t } = useTranslation();
  const canAdmin = useCan("ADMIN");
  const { start, busy, error: connectError } = useConnect();
  const [disconnect, { loading }] = useMutation(disconnectChannelMutation, {
    refetchQueries: [{ query: channelsQuery }],
  });
  const [error, setError] = useState<string | null>(null);
  if (!canAdmin) return null;
  const drop = () => {
    if (!window.confirm(t("channels.connect.disconnectConfirm", { name }))) return;
    setError(null);
    disconnect({ variables: { id: channelId } })
      .then(({ data }) => {
        const errors = data?.disconnectChannel.userErrors ?? [];
        if (errors.length) setError(errors.map((u) => refusalText(t, u)).join("; "));
      })
      .catch((e: unknown) => setError(errorMessage(e instanceof Error ? e : new Error(String(e)))));
  };
  const shown = connectError ?? error;
  return (
    <div className="channel-connection-actions">
      <button
        type="button"
        className="button button-small"
        data-testid="channel-reconnect"
        disabled={busy}
        aria-label={t("channels.connect.reconnectShop", { name })}
        onClick={() => start(platform)}
      >
        {t("channels.connect.reconnect")}
      </button>
      {connected && (
        <button
          type="button"
          className="button button-small button-ghost"
          data-testid="channel-disconnect"
          disabled={loading}
          aria-label={t("channels.connect.disconnectShop", { name })}
          onClick={drop}
        >
          {t("channels.connect.disconnect")}
        </button>
      )}
      {shown && (
        <p className="notice notice-bad small" role="alert">
          {shown}
        </p>
      )}
    </div>
  );
}

/** What the marketplace's return trip brought: the shops connected, or why nothing changed. */
export function ConnectResult({ names }: { names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const connected = params.get("connected");
  const failure = params.get("connectError");
  if (!connected && !failure) return null;
  const dismiss = () => {
    const next = new URLSearchParams(params);
    next.delete("connected");
    next.delete("connectError");
    setParams(next, { replace: true });
  };
  const ok = connected !== null;
  const shops = (connected ?? "")
    .split(",")
    .filter(Boolean)
    .map((id) => names.get(id) ?? id)
    .join(", ");
  return (
    <p
      className={`notice ${ok ? "notice-ok" : "notice-bad"}`}
      role={ok ? "status" : "alert"}
      data-testid="connect-result"
      data-outcome={ok ? "connected" : (failure ?? "")}
    >
      {ok
        ? t("channels.connect.connected", { shops })
        : t(`channels.connect.failure.${failure && isFailure(failure) ? failure : "UNEXPECTED"}`)}{" "}
      <button type="button" className="button button-tiny button-ghost" onClick={dismiss}>
        {t("channels.connect.dismiss")}
      </button>
    </p>
  );
}
