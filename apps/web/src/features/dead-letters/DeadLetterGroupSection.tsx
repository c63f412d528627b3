import { useCallback, useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { NetworkStatus } from "@apollo/client";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { DeadLetterGroupsQuery, DeadLettersQuery } from "../../gql/graphql";
import { useErrorClass } from "../../i18n/enums";
import { formatCount, formatRelative, platformLabel } from "../../ui/format";
import { JsonView } from "../../ui/JsonView";
import { ErrorState, Loading, errorMessage } from "../../ui/states";
import { PlatformTag } from "../../ui/PlatformTag";
import { VirtualList } from "../../ui/VirtualList";
import type { Notice } from "./notice";
import { fixFor, type Fix } from "./groups";
import {
  deadLettersQuery,
  discardDeadLettersMutation,
  retryDeadLetterGroupMutation,
  retryDeadLetterMutation,
} from "./operations";
import { refusalText } from "../../i18n/refusals";
import { inputForField } from "../product/edit-fields";

/** The product page with its edit form open, on the input the failure names when there is one. */
const editLink = (productId: string, field: string | null | undefined): string =>
  `/products/${productId}?edit=${encodeURIComponent(field ?? "")}`;

type DeadLetter = DeadLettersQuery["deadLetters"]["edges"][number]["node"];
export type DeadLetterGroup = DeadLetterGroupsQuery["deadLetterGroups"]["edges"][number]["node"];
const PAGE = 50;

interface Props {
  group: DeadLetterGroup;
  initiallyOpen: boolean;
  selected: ReadonlySet<string>;
  onSelect: (ids: readonly string[], on: boolean) => void;
  onHandled: (ids: readonly string[], notice: Notice) => void;
}

export function DeadLetterGroupSection({ group, initiallyOpen, selected, onSelect, onHandled }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(initiallyOpen);
  const describe = useErrorClass();
  const errorClass = describe(group.errorClass);
  const fix = fixFor(group);
  const headingId = `dl-group-${group.key}`;
  return (
    <section
      className="card dl-group"
      data-testid="dead-letter-group"
      data-error-class={group.errorClass}
      data-fix={fix}
      data-count={group.count}
      data-group-key={group.key}
      aria-labelledby={headingId}
    >
      <div className="card-header">
        <button type="button" className="group-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? "▾" : "▸"}</span>
          <h2 id={headingId} title={errorClass.explanation ?? undefined}>
            {errorClass.name}
            {group.errorField ? ` · ${group.errorField}` : ""}
          </h2>
          <span className="count-pill" data-testid="dead-letter-group-count">
            {formatCount(group.count)}
          </span>
        </button>
      </div>
      <div className="dl-cause">
        <p className="dl-message" translate="no" data-testid="dead-letter-group-message">
          {group.errorCode && <span className="tag mono">{group.errorCode}</span>} {group.message}
        </p>
        <p className="muted small" data-testid="dead-letter-group-scope">
          {t("deadLetters.groupScope", {
            count: group.productCount,
            channels: group.channels.map((c) => c.name).join(", "),
          })}
        </p>
        <GroupFix group={group} fix={fix} onHandled={onHandled} />
      </div>
      {open && <GroupList group={group} selected={selected} onSelect={onSelect} onHandled={onHandled} />}
    </section>
  );
}

/** The plain-language explanation of the group's cause, the fix it needs, and retrying it all at once. */
function GroupFix({
  group,
  fix,
  onHandled,
}: {
  group: DeadLetterGroup;
  fix: Fix;
  onHandled: Props["onHandled"];
}) {
  const { t } = useTranslation();
  const [retryGroup, retrying] = useMutation(retryDeadLetterGroupMutation);
  const [error, setError] = useState<string | null>(null);
  const channels = group.channels.map((c) => c.name).join(", ");

  async function retryAll() {
    setError(null);
    try {
      const { data } = await retryGroup({ variables: { key: group.key } });
      const r = data?.retryDeadLetterGroup;
      if (!r) return;
      if (r.userErrors.length) return setError(r.userErrors.map((u) => refusalText(t, u)).join("; "));
      onHandled(r.retriedIds, {
        tone: "ok",
        text: t("deadLetters.retryingMany", { count: r.retriedIds.length }),
        batchId: r.batch?.id,
      });
    } catch (e) {
      setError(errorMessage(e instanceof Error ? e : new Error(String(e))));
    }
  }

  return (
    <div className="dl-fix" data-testid="dead-letter-fix">
      <p>{t(`deadLetters.fix.${fix}`, { channels, field: group.errorField ?? "" })}</p>
      <div className="dl-actions">
        {fix === "editProduct" &&
          (group.productCount === 1 ? (
            <Link className="button button-small" to={editLink(group.productId, group.errorField)}>
              {t("deadLetters.editProduct")}
            </Link>
          ) : (
            <span className="muted small">{t("deadLetters.editEach")}</span>
          ))}
        {(fix === "mapCategory" || fix === "reconnect") && (
          <Link className="button button-small" to="/channels">
            {t("deadLetters.openChannels")}
          </Link>
        )}
        <button
          type="button"
          className={`button button-small${fix === "retry" || fix === "wait" ? " button-primary" : ""}`}
          disabled={retrying.loading}
          onClick={() => void retryAll()}
        >
          {retrying.loading ? t("deadLetters.retrying") : t("deadLetters.retryGroup", { count: group.count })}
        </button>
      </div>
      {error && (
        <p className="text-bad small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function GroupList({ group, selected, onSelect, onHandled }: Omit<Props, "initiallyOpen">) {
  const { t } = useTranslation();
  const describe = useErrorClass();
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(deadLettersQuery, {
    variables: { first: PAGE, group: group.key },
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
          count: group.count,
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
            editable={fixFor(group) === "editProduct"}
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
  editable,
}: {
  letter: DeadLetter;
  checked: boolean;
  onCheck: (on: boolean) => void;
  onHandled: Props["onHandled"];
  /** The cause is in the product's own data: the row offers its edit form. */
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [retry, retrying] = useMutation(retryDeadLetterMutation);
  const [discard, discarding] = useMutation(discardDeadLettersMutation);
  const field = letter.errorField;
  // A mapping field is fixed on the Channels page, not in the product.
  const mapping = fixFor(letter) === "mapCategory";

  async function doRetry() {
    setError(null);
    try {
      const { data } = await retry({ variables: { id: letter.id } });
      const r = data?.retryDeadLetter;
      if (!r) return;
      if (r.userErrors.length) return setError(r.userErrors.map((u) => refusalText(t, u)).join("; "));
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
      if (r.userErrors.length) return setError(r.userErrors.map((u) => refusalText(t, u)).join("; "));
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
      data-platform={letter.platform}
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
            </Link>{" "}
            <PlatformTag platform={letter.platform} />
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
          {editable &&
            (field && inputForField(field) ? (
              <Link
                className="button button-small"
                data-testid="fix-field"
                to={editLink(letter.productId, field)}
                aria-label={t("deadLetters.fixFieldOne", { field, sku: letter.sku })}
              >
                {t("deadLetters.fixField", { field })}
              </Link>
            ) : (
              <Link
                className="button button-small"
                to={editLink(letter.productId, field)}
                aria-label={t("deadLetters.editOne", { sku: letter.sku })}
              >
                {t("deadLetters.edit")}
              </Link>
            ))}
          {mapping && field && (
            <Link
              className="button button-small"
              data-testid="map-field"
              to="/channels"
              aria-label={t("deadLetters.mapFieldOne", { field, sku: letter.sku })}
            >
              {t("deadLetters.mapField", { field })}
            </Link>
          )}
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
