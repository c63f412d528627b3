import { useState } from "react";
import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { formatCount } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { EmptyState, ErrorState, InlineErrors, Loading, errorMessage } from "../../ui/states";
import { DeadLetterGroupSection } from "./DeadLetterGroupSection";
import { groupsOf } from "./groups";
import type { Notice } from "./notice";
import { deadLetterSummaryQuery, discardDeadLettersMutation, retryDeadLettersMutation } from "./operations";

export function DeadLettersPage() {
  const client = useApolloClient();
  // no-cache: these first:0 counts must not overwrite the groups' cached pages of the same field.
  const summary = useQuery(deadLetterSummaryQuery, {
    fetchPolicy: "no-cache",
    notifyOnNetworkStatusChange: true,
  });
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
          setErrors(r.userErrors.map((u) => u.message));
          setNotice({
            tone: "ok",
            text: `Retrying ${formatCount(r.retriedIds.length)} item${r.retriedIds.length === 1 ? "" : "s"}.`,
          });
        }
      } else {
        const { data } = await discardMany({ variables: { ids } });
        const r = data?.discardDeadLetters;
        if (r) {
          removed(r.discardedIds);
          setErrors(r.userErrors.map((u) => u.message));
          setNotice({ tone: "ok", text: `Discarded ${formatCount(r.discardedIds.length)}.` });
        }
      }
    } catch (e) {
      setErrors([errorMessage(e instanceof Error ? e : new Error(String(e)))]);
    }
  }

  const groups = summary.data ? groupsOf(summary.data) : [];
  const total = summary.data?.all.totalCount ?? 0;

  return (
    <>
      <PageHeader
        title="Dead letters"
        subtitle="Items that exhausted their retries or cannot succeed as they are. Fix the product, then retry — or discard."
        actions={
          <button
            type="button"
            className="button button-ghost"
            onClick={() => void summary.refetch()}
            disabled={summary.loading}
          >
            Refresh
          </button>
        }
      />
      {notice && (
        <p className={`notice notice-${notice.tone}`} role="status" data-testid="dead-letter-notice">
          {notice.text}
          {notice.batchId && (
            <>
              {" "}
              <Link to={`/batches/${notice.batchId}`}>Watch the retry</Link>
            </>
          )}
          <button
            type="button"
            className="button button-ghost button-tiny"
            aria-label="Dismiss"
            onClick={() => setNotice(null)}
          >
            ✕
          </button>
        </p>
      )}
      {selected.size > 0 && (
        <section className="selection-bar" aria-label="Selected dead letters">
          <div className="selection-summary">
            <strong>{formatCount(selected.size)} selected</strong>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => setSelected(new Set())}
            >
              Clear
            </button>
          </div>
          <div className="selection-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={retrying.loading}
              onClick={() => void bulk("retry")}
            >
              {retrying.loading ? "Retrying…" : `Retry ${formatCount(selected.size)}`}
            </button>
            {confirmDiscard ? (
              <>
                <span>Discard {formatCount(selected.size)} without retrying?</span>
                <button
                  type="button"
                  className="button button-danger"
                  disabled={discarding.loading}
                  onClick={() => void bulk("discard")}
                >
                  Yes, discard
                </button>
                <button
                  type="button"
                  className="button button-ghost"
                  onClick={() => setConfirmDiscard(false)}
                >
                  Keep
                </button>
              </>
            ) : (
              <button type="button" className="button" onClick={() => setConfirmDiscard(true)}>
                Discard…
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
          title="Could not load dead letters"
        />
      ) : !summary.data ? (
        <Loading label="Loading dead letters…" />
      ) : total === 0 ? (
        <EmptyState title="No dead letters">
          <p>
            Nothing is waiting for a person. Items that cannot be synced will appear here, grouped by why.
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="muted">
            {formatCount(total)} open, in {groups.length} group{groups.length === 1 ? "" : "s"}.
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
        </>
      )}
    </>
  );
}
