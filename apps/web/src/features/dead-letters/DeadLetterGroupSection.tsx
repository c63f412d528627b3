import { useCallback, useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { NetworkStatus } from "@apollo/client";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { DeadLettersQuery } from "../../gql/graphql";
import { useErrorClass } from "../../i18n/enums";
import { formatCount, formatRelative, platformLabel } from "../../ui/format";
import { JsonView } from "../../ui/JsonView";
import { ErrorState, Loading, errorMessage } from "../../ui/states";
import { VirtualList } from "../../ui/VirtualList";
import type { Notice } from "./notice";
import type { DeadLetterGroup } from "./groups";
import { deadLettersQuery, discardDeadLettersMutation, retryDeadLetterMutation } from "./operations";

type DeadLetter = DeadLettersQuery["deadLetters"]["edges"][number]["node"];
const PAGE = 50;

interface Props {
  group: DeadLetterGroup;
  initiallyOpen: boolean;
  selected: ReadonlySet<string>;
  onSelect: (ids: readonly string[], on: boolean) => void;
  onHandled: (ids: readonly string[], notice: Notice) => void;
}

export function DeadLetterGroupSection({ group, initiallyOpen, selected, onSelect, onHandled }: Props) {
  const [open, setOpen] = useState(initiallyOpen);
  const describe = useErrorClass();
  const errorClass = describe(group.errorClass);
  const title = `${errorClass.name} · ${platformLabel(group.platform)}`;
  return (
    <section
      className="card dl-group"
      data-testid="dead-letter-group"
      data-error-class={group.errorClass}
      data-platform={group.platform}
    >
      <div className="card-header">
        <button type="button" className="group-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? "▾" : "▸"}</span>
          <h2 title={errorClass.explanation ?? undefined}>{title}</h2>
          <span className="count-pill">{formatCount(group.count)}</span>
        </button>
      </div>
      {open && <GroupList group={group} selected={selected} onSelect={onSelect} onHandled={onHandled} />}
    </section>
  );
}

function GroupList({ group, selected, onSelect, onHandled }: Omit<Props, "initiallyOpen">) {
  const { t } = useTranslation();
  const describe = useErrorClass();
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(deadLettersQuery, {
    variables: { first: PAGE, platform: group.platform, errorClass: group.errorClass },
    notifyOnNetworkStatusChange: true,
  });
  const letters = data?.deadLetters.edges.map((e) => e.node) ?? [];
  const hasNext = data?.deadLetters.pageInfo.hasNextPage ?? false;
  const endCursor = data?.deadLetters.pageInfo.endCursor ?? null;
  const busy = networkStatus === NetworkStatus.fetchMore;
  const loadMore = useCallback(() => {
    if (hasNext && endCursor && !busy) void fetchMore({ variables: { after: endCursor } });
  }, [hasNext, endCursor, busy, fetchMore]);

  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (!data) return <Loading />;
  const ids = letters.map((l) => l.id);
  const allSelected = ids.length > 0 && ids.every((id) => selected.has(id));
  return (
    <>
      <label className="check group-select">
        <input type="checkbox" checked={allSelected} onChange={() => onSelect(ids, !allSelected)} />
        {ids.length < group.count
          ? t("deadLetters.selectLoaded", { count: ids.length })
          : t("deadLetters.selectAll", { count: ids.length })}
      </label>
      <VirtualList
        items={letters}
        label={t("deadLetters.listLabel", {
          errorClass: describe(group.errorClass).name,
          platform: platformLabel(group.platform),
        })}
        estimateSize={76}
        maxHeight="480px"
        getKey={(l) => l.id}
        onEndReached={loadMore}
        renderItem={(l) => (
          <DeadLetterRow
            letter={l}
            checked={selected.has(l.id)}
            onCheck={(on) => onSelect([l.id], on)}
            onHandled={onHandled}
          />
        )}
      />
    </>
  );
}

function DeadLetterRow({
  letter,
  checked,
  onCheck,
  onHandled,
}: {
  letter: DeadLetter;
  checked: boolean;
  onCheck: (on: boolean) => void;
  onHandled: Props["onHandled"];
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [retry, retrying] = useMutation(retryDeadLetterMutation);
  const [discard, discarding] = useMutation(discardDeadLettersMutation);

  async function doRetry() {
    setError(null);
    try {
      const { data } = await retry({ variables: { id: letter.id } });
      const r = data?.retryDeadLetter;
      if (!r) return;
      if (r.userErrors.length) return setError(r.userErrors.map((u) => u.message).join("; "));
      onHandled([letter.id], {
        tone: "ok",
        // The retry takes every failed channel of the product, not only this one.
        text: t("deadLetters.retryingOne", {
          sku: letter.sku,
          platform: (r.batch?.platforms ?? [letter.platform]).map(platformLabel).join(" + "),
        }),
        batchId: r.batch?.id,
      });
    } catch (e) {
      setError(errorMessage(e instanceof Error ? e : new Error(String(e))));
    }
  }

  async function doDiscard() {
    setError(null);
    try {
      const { data } = await discard({ variables: { ids: [letter.id] } });
      const r = data?.discardDeadLetters;
      if (!r) return;
      if (r.userErrors.length) return setError(r.userErrors.map((u) => u.message).join("; "));
      onHandled(r.discardedIds, {
        tone: "ok",
        text: t("deadLetters.discardedOne", { sku: letter.sku, platform: platformLabel(letter.platform) }),
      });
    } catch (e) {
      setError(errorMessage(e instanceof Error ? e : new Error(String(e))));
    }
  }

  return (
    <article
      className="dl-row"
      data-testid="dead-letter"
      data-sku={letter.sku}
      data-field={letter.errorField ?? ""}
    >
      <div className="dl-main">
        <input
          type="checkbox"
          aria-label={t("deadLetters.selectOne", {
            sku: letter.sku,
            platform: platformLabel(letter.platform),
          })}
          checked={checked}
          onChange={(e) => onCheck(e.target.checked)}
        />
        <div className="dl-text">
          <div>
            <Link className="mono" to={`/products/${letter.productId}`}>
              {letter.sku}
            </Link>
            {letter.errorField && <span className="tag tone-warn">{letter.errorField}</span>}
            <span className="muted small">
              {" "}
              {t("deadLetters.attempts", { count: letter.attempts })} · {formatRelative(letter.createdAt)}
            </span>
          </div>
          <div className="dl-message" data-testid="dead-letter-message" translate="no">
            {letter.errorMessage}
          </div>
          {error && (
            <div className="text-bad small" role="alert">
              {error}
            </div>
          )}
        </div>
        <div className="dl-actions">
          <button
            type="button"
            className="button button-small"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? t("deadLetters.hideCall") : t("deadLetters.lastCall")}
          </button>
          <button
            type="button"
            className="button button-small button-primary"
            disabled={retrying.loading}
            onClick={() => void doRetry()}
          >
            {retrying.loading ? t("deadLetters.retrying") : t("deadLetters.retry")}
          </button>
          {confirming ? (
            <button
              type="button"
              className="button button-small button-danger"
              disabled={discarding.loading}
              onClick={() => void doDiscard()}
              onBlur={() => setConfirming(false)}
            >
              {t("deadLetters.confirmDiscardOne")}
            </button>
          ) : (
            <button
              type="button"
              className="button button-small button-ghost"
              onClick={() => setConfirming(true)}
            >
              {t("deadLetters.discard")}
            </button>
          )}
        </div>
      </div>
      {open &&
        (letter.lastRequest == null && letter.lastResponse == null ? (
          <p className="notice notice-warn" data-testid="no-call">
            {letter.errorClass === "VALIDATION"
              ? t(letter.errorField ? "deadLetters.noCallValidationField" : "deadLetters.noCallValidation", {
                  platform: platformLabel(letter.platform),
                  field: letter.errorField,
                })
              : t("deadLetters.noCall", { platform: platformLabel(letter.platform) })}
          </p>
        ) : (
          <div className="json-pair">
            <JsonView label={t("deadLetters.lastRequest")} value={letter.lastRequest} />
            <JsonView label={t("deadLetters.lastResponse")} value={letter.lastResponse} />
          </div>
        ))}
    </article>
  );
}
