import { useState } from "react";
import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { NetworkStatus } from "@apollo/client";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatCount } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { EmptyState, ErrorState, InlineErrors, Loading, errorMessage } from "../../ui/states";
import { DeadLetterGroupSection } from "./DeadLetterGroupSection";
import type { Notice } from "./notice";
import {
  deadLetterCountQuery,
  deadLetterGroupsQuery,
  discardDeadLettersMutation,
  retryDeadLettersMutation,
} from "./operations";
import { refusalText } from "../../i18n/refusals";

const GROUPS_PAGE = 20;

export function DeadLettersPage() {
  const { t } = useTranslation();
  const client = useApolloClient();
  // The groups come from the server's GROUP BY, a page at a time; the open total is the header's count.
  const summary = useQuery(deadLetterGroupsQuery, {
    variables: { first: GROUPS_PAGE },
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  const open = useQuery(deadLetterCountQuery, { fetchPolicy: "no-cache" });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [retryMany, retrying] = useMutation(retryDeadLettersMutation);
  const [discardMany, discarding] = useMutation(discardDeadLettersMutation);

  /** Handled dead letters leave the lists at once; the counts are read again. */
  function removed(ids: readonly string[]) {
    for (const id of ids) client.cache.evict({ id: client.cache.identify({ __typename: "DeadLetter", id }) });
    client.cache.gc();
    setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
    void summary.refetch();
    void open.refetch();
  }

  async function bulk(kind: "retry" | "discard") {
    setErrors([]);
    setConfirmDiscard(false);
    const ids = [...selected];
    try {
      if (kind === "retry") {
        const { data } = await retryMany({ variables: { ids } });
        const r = data?.retryDeadLetters;
        if (r) {
          removed(r.retriedIds);
          setErrors(r.userErrors.map((u) => refusalText(t, u)));
          setNotice({
            tone: "ok",
            text: t("deadLetters.retryingMany", { count: r.retriedIds.length }),
            batchId: r.batch?.id,
          });
        }
      } else {
        const { data } = await discardMany({ variables: { ids } });
        const r = data?.discardDeadLetters;
        if (r) {
          removed(r.discardedIds);
          setErrors(r.userErrors.map((u) => refusalText(t, u)));
          setNotice({ tone: "ok", text: t("deadLetters.discardedMany", { count: r.discardedIds.length }) });
        }
      }
    } catch (e) {
      setErrors([errorMessage(e instanceof Error ? e : new Error(String(e)))]);
    }
  }

  const connection = summary.data?.deadLetterGroups;
  const groups = connection?.edges.map((e) => e.node) ?? [];
  const total = open.data?.deadLetters.totalCount ?? groups.reduce((n, g) => n + g.count, 0);
  const loadingMore = summary.networkStatus === NetworkStatus.fetchMore;

  return (
    <>
      <PageHeader
        title={t("deadLetters.title")}
        subtitle={t("deadLetters.subtitle")}
        actions={
          <button
            type="button"
            className="button button-ghost"
            onClick={() => {
              void summary.refetch();
              void open.refetch();
            }}
            disabled={summary.loading}
          >
            {t("deadLetters.refresh")}
          </button>
        }
      />
      {notice && (
        <p className={`notice notice-${notice.tone}`} role="status" data-testid="dead-letter-notice">
          {notice.text}
          {notice.batchId && (
            <>
              {" "}
              <Link to={`/batches/${notice.batchId}`}>{t("deadLetters.watchRetry")}</Link>
            </>
          )}
          <button
            type="button"
            className="button button-ghost button-tiny"
            aria-label={t("deadLetters.dismiss")}
            onClick={() => setNotice(null)}
          >
            ✕
          </button>
        </p>
      )}
      {selected.size > 0 && (
        <section className="selection-bar" aria-label={t("deadLetters.selectedLabel")}>
          <div className="selection-summary">
            <strong>{t("deadLetters.selected", { count: selected.size })}</strong>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => setSelected(new Set())}
            >
              {t("deadLetters.clear")}
            </button>
          </div>
          <div className="selection-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={retrying.loading}
              onClick={() => void bulk("retry")}
            >
              {retrying.loading
                ? t("deadLetters.retrying")
                : t("deadLetters.retryCount", { count: selected.size })}
            </button>
            {confirmDiscard ? (
              <>
                <span>{t("deadLetters.discardQuestion", { count: selected.size })}</span>
                <button
                  type="button"
                  className="button button-danger"
                  disabled={discarding.loading}
                  onClick={() => void bulk("discard")}
                >
                  {t("deadLetters.confirmDiscard")}
                </button>
                <button
                  type="button"
                  className="button button-ghost"
                  onClick={() => setConfirmDiscard(false)}
                >
                  {t("deadLetters.keep")}
                </button>
              </>
            ) : (
              <button type="button" className="button" onClick={() => setConfirmDiscard(true)}>
                {t("deadLetters.discardMany")}
              </button>
            )}
          </div>
          <InlineErrors messages={errors} />
        </section>
      )}
      {summary.error && !summary.data ? (
        <ErrorState
          error={summary.error}
          retry={() => void summary.refetch()}
          title={t("deadLetters.loadFailed")}
        />
      ) : !summary.data ? (
        <Loading label={t("deadLetters.loading")} />
      ) : groups.length === 0 ? (
        <EmptyState title={t("deadLetters.empty")}>
          <p>{t("deadLetters.emptyHint")}</p>
        </EmptyState>
      ) : (
        <>
          <p className="muted">
            {t("deadLetters.summary", { open: formatCount(total), count: connection?.totalCount ?? 0 })}
          </p>
          {groups.map((g, i) => (
            <DeadLetterGroupSection
              key={g.key}
              group={g}
              initiallyOpen={i < 3}
              selected={selected}
              onSelect={(ids, on) =>
                setSelected((s) => {
                  const next = new Set(s);
                  for (const id of ids) {
                    if (on) next.add(id);
                    else next.delete(id);
                  }
                  return next;
                })
              }
              onHandled={(ids, n) => {
                removed(ids);
                setNotice(n);
              }}
            />
          ))}
          {connection?.pageInfo.hasNextPage && (
            <button
              type="button"
              className="button"
              disabled={loadingMore}
              onClick={() => void summary.fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            >
              {loadingMore
                ? t("deadLetters.loadingGroups")
                : t("deadLetters.moreGroups", { count: connection.totalCount - groups.length })}
            </button>
          )}
        </>
      )}
    </>
  );
}
