import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ChannelCardFragment, ChannelConnectionStatus } from "../../gql/graphql";
import { formatCodeName, formatCount, formatDateTime, formatMultiplier } from "../../ui/format";
import { PlatformTag } from "../../ui/PlatformTag";
import { ProgressBar } from "../../ui/ProgressBar";
import { ChannelSettingsForm } from "./ChannelSettingsForm";
import { ShopConnectionActions } from "./ConnectShop";

const CONNECTION_TONE: Record<ChannelConnectionStatus, string> = {
  CONNECTED: "ok",
  EXPIRING: "warn",
  EXPIRED: "bad",
  DISCONNECTED: "muted",
};

function Connection({ connection }: { connection: ChannelCardFragment["connection"] }) {
  const { t } = useTranslation();
  const { status, expiresAt } = connection;
  return (
    <div className="channel-connection">
      <span
        className={`badge tone-${CONNECTION_TONE[status]}`}
        data-testid="channel-connection"
        data-status={status}
        title={t(`channels.connectionHint.${status}`)}
      >
        {t(`channels.connectionStatus.${status}`)}
      </span>
      {status !== "DISCONNECTED" && (
        <span className="small muted" data-testid="channel-expiry" data-value={expiresAt ?? ""}>
          {expiresAt
            ? t(status === "EXPIRED" ? "channels.expiredAt" : "channels.expiresAt", {
                when: formatDateTime(expiresAt),
              })
            : t("channels.expiryUnknown")}
        </span>
      )}
    </div>
  );
}

function Shipping({ shipping }: { shipping: ChannelCardFragment["shipping"] }) {
  const { t } = useTranslation();
  if (!shipping) return <span className="channel-warn">{t("channels.noShipping")}</span>;
  if (shipping.warehouseId) return <>{t("channels.warehouse", { id: shipping.warehouseId })}</>;
  return (
    <>
      {t("channels.logistics", {
        count: shipping.logistics.length,
        ids: shipping.logistics.map((l) => l.logisticId).join(", "),
      })}
    </>
  );
}

function Coverage({ channel }: { channel: ChannelCardFragment }) {
  const { t } = useTranslation();
  const { productCount, mappedProductCount } = channel.mappingCoverage;
  const gap = productCount - mappedProductCount;
  const percent = productCount === 0 ? 100 : (mappedProductCount / productCount) * 100;
  return (
    <div
      className="channel-coverage"
      data-testid="channel-coverage"
      data-mapped={mappedProductCount}
      data-total={productCount}
    >
      <p className="channel-coverage-count">
        {t("channels.coverageCount", { count: productCount, mapped: formatCount(mappedProductCount) })}
      </p>
      <ProgressBar
        value={percent}
        label={t("channels.coverageLabel", { name: channel.name })}
        tone={gap === 0 ? "ok" : "warn"}
      />
      <p className="small muted">
        {gap === 0 ? t("channels.coverageFull") : t("channels.coverageGap", { count: gap })}{" "}
        {t("channels.coverageNote")}
      </p>
    </div>
  );
}

/** One shop: who it is, whether SyncStore may act for it, what of the catalog can go there, and its rules. */
export function ChannelCard({ channel }: { channel: ChannelCardFragment }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section
      className={`card channel-card platform-border-${channel.platform.toLowerCase()}`}
      aria-labelledby={headingId}
      data-testid="channel"
      data-channel-id={channel.id}
      data-platform={channel.platform}
    >
      <div className="card-header">
        <h2 id={headingId} className="channel-title">
          <PlatformTag platform={channel.platform} /> <span data-testid="channel-name">{channel.name}</span>
        </h2>
        <span
          className={`badge ${channel.enabled ? "tone-ok" : "tone-muted"}`}
          data-testid="channel-enabled"
          data-value={channel.enabled}
          title={channel.enabled ? undefined : t("channels.disabledHint")}
        >
          {channel.enabled ? t("channels.enabled") : t("channels.disabled")}
        </span>
      </div>
      <dl className="facts channel-facts" aria-label={t("channels.facts", { name: channel.name })}>
        <dt>{t("channels.shopId")}</dt>
        <dd className="mono" data-testid="channel-shop-id">
          {channel.shopId}
        </dd>
        <dt>{t("channels.market")}</dt>
        <dd data-testid="channel-market" data-value={channel.market}>
          {formatCodeName(channel.market, "region")} ({channel.market})
        </dd>
        <dt>{t("channels.currency")}</dt>
        <dd data-testid="channel-currency" data-value={channel.currency}>
          {formatCodeName(channel.currency, "currency")} ({channel.currency})
        </dd>
        <dt>{t("channels.connection")}</dt>
        <dd>
          <Connection connection={channel.connection} />
          <ShopConnectionActions
            channelId={channel.id}
            platform={channel.platform}
            name={channel.name}
            connected={channel.connection.status !== "DISCONNECTED"}
          />
        </dd>
        <dt>{t("channels.multiplier")}</dt>
        <dd data-testid="channel-multiplier" data-value={channel.priceMultiplier}>
          {t("channels.multiplierValue", { value: formatMultiplier(Number(channel.priceMultiplier)) })}
        </dd>
        <dt>{t("channels.attempts")}</dt>
        <dd data-testid="channel-attempts">{formatCount(channel.maxAttempts)}</dd>
        <dt>{t("channels.rateLimit")}</dt>
        <dd data-testid="channel-rate-limit">
          {channel.rateLimitPerSecond === null
            ? t("channels.platformDefault")
            : t("channels.ratePerSecond", { rate: formatCount(channel.rateLimitPerSecond) })}
        </dd>
        <dt>{t("channels.shipping")}</dt>
        <dd>
          <Shipping shipping={channel.shipping} />
        </dd>
      </dl>
      <h3 className="channel-subheading">{t("channels.coverage")}</h3>
      <Coverage channel={channel} />
      <h3 className="channel-subheading">{t("channels.settings.title")}</h3>
      <ChannelSettingsForm channel={channel} />
    </section>
  );
}
