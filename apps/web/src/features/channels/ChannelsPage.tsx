import { useQuery } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../ui/PageHeader";
import { EmptyState, ErrorState, Loading } from "../../ui/states";
import { ChannelCard } from "./ChannelCard";
import { ConnectResult, ConnectShopButtons } from "./ConnectShop";
import { channelsQuery } from "./operations";

/** Every shop SyncStore publishes to: its authorization, how much of the catalog can go there, its rules. */
export function ChannelsPage() {
  const { t } = useTranslation();
  const { data, error, refetch } = useQuery(channelsQuery, { fetchPolicy: "cache-and-network" });
  const channels = data?.channels;
  return (
    <>
      <PageHeader
        title={t("channels.title")}
        subtitle={t("channels.subtitle")}
        actions={
          <>
            {channels && <span className="muted">{t("channels.count", { count: channels.length })}</span>}
            <ConnectShopButtons />
          </>
        }
      />
      <ConnectResult names={new Map((channels ?? []).map((c) => [c.id, c.name]))} />
      {error && !channels ? (
        <ErrorState error={error} retry={() => void refetch()} title={t("channels.loadFailed")} />
      ) : !channels ? (
        <Loading label={t("channels.loading")} />
      ) : channels.length === 0 ? (
        <EmptyState title={t("channels.empty")}>
          <p>{t("channels.emptyHint")}</p>
        </EmptyState>
      ) : (
        <div className="channel-list">
          {channels.map((c) => (
            <ChannelCard key={c.id} channel={c} />
          ))}
        </div>
      )}
    </>
  );
}
