import { useState, type FormEvent } from "react";
import { useQuery } from "@apollo/client/react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import type { SyncCallOutcome, SyncErrorClass } from "../../gql/graphql";
import { useErrorClass } from "../../i18n/enums";
import { PageHeader } from "../../ui/PageHeader";
import { SyncLogList, type LogFilter } from "./SyncLogList";
import { logChannelsQuery } from "./operations";

const OUTCOMES: readonly SyncCallOutcome[] = ["SUCCEEDED", "FAILED"];
const ERROR_CLASSES: readonly SyncErrorClass[] = [
  "VALIDATION",
  "AUTHENTICATION",
  "RATE_LIMIT",
  "NETWORK",
  "SYSTEM",
  "UNKNOWN",
];

/** The URL's names for what the form holds, so a filtered log is a link a colleague can open. */
const KEYS = ["q", "channelId", "outcome", "errorClass", "batchId", "from", "to"] as const;
type Draft = Record<(typeof KEYS)[number], string>;

const isOutcome = (v: string): v is SyncCallOutcome => (OUTCOMES as readonly string[]).includes(v);
const isErrorClass = (v: string): v is SyncErrorClass => (ERROR_CLASSES as readonly string[]).includes(v);

/** A datetime-local value (the reader's own clock) as the instant the API takes; null when blank or not a time. */
function instant(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function draftOf(params: URLSearchParams): Draft {
  return Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ""])) as Draft;
}

export function SyncLogsPage() {
  const { t } = useTranslation();
  const describe = useErrorClass();
  const [params, setParams] = useSearchParams();
  const applied = draftOf(params);
  const productId = params.get("productId");
  const [draft, setDraft] = useState<Draft>(applied);
  const channels = useQuery(logChannelsQuery);

  function commit(next: Draft) {
    const url = new URLSearchParams();
    if (productId) url.set("productId", productId);
    for (const k of KEYS) if (next[k].trim()) url.set(k, next[k].trim());
    setParams(url);
  }

  function apply(e: FormEvent) {
    e.preventDefault();
    commit(draft);
  }

  /** Choices from a list apply at once; typed ones wait for Filter. */
  function choose(key: "channelId" | "outcome" | "errorClass", value: string) {
    const next = { ...draft, [key]: value };
    setDraft(next);
    commit(next);
  }

  const filter: LogFilter = {
    search: applied.q || null,
    channelId: applied.channelId || null,
    outcome: isOutcome(applied.outcome) ? applied.outcome : null,
    errorClass: isErrorClass(applied.errorClass) ? applied.errorClass : null,
    from: instant(applied.from),
    to: instant(applied.to),
  };
  const filtered = productId !== null || KEYS.some((k) => applied[k] !== "");

  return (
    <>
      <PageHeader title={t("logs.title")} subtitle={t("logs.subtitle")} />
      <form className="toolbar" role="search" onSubmit={apply} aria-label={t("logs.filters")}>
        <label className="field field-grow">
          <span>{t("logs.search")}</span>
          <input
            type="search"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            placeholder={t("logs.searchPlaceholder")}
          />
        </label>
        <label className="field">
          <span>{t("logs.channel")}</span>
          <select value={draft.channelId} onChange={(e) => choose("channelId", e.target.value)}>
            <option value="">{t("logs.anyChannel")}</option>
            {channels.data?.channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("logs.outcome")}</span>
          <select value={draft.outcome} onChange={(e) => choose("outcome", e.target.value)}>
            <option value="">{t("logs.anyOutcome")}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`logs.outcomes.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("logs.errorClass")}</span>
          <select value={draft.errorClass} onChange={(e) => choose("errorClass", e.target.value)}>
            <option value="">{t("logs.anyErrorClass")}</option>
            {ERROR_CLASSES.map((c) => (
              <option key={c} value={c}>
                {describe(c).name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("logs.batchId")}</span>
          <input
            value={draft.batchId}
            onChange={(e) => setDraft({ ...draft, batchId: e.target.value })}
            placeholder={t("logs.any")}
          />
        </label>
        <label className="field">
          <span>{t("logs.from")}</span>
          <input
            type="datetime-local"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t("logs.to")}</span>
          <input
            type="datetime-local"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <button type="submit" className="button">
          {t("logs.filter")}
        </button>
        {filtered && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() => {
              const empty = draftOf(new URLSearchParams());
              setDraft(empty);
              setParams(new URLSearchParams());
            }}
          >
            {t("logs.clear")}
          </button>
        )}
      </form>
      {productId && <p className="muted small">{t("logs.onlyProduct", { id: productId })}</p>}
      <section className="card">
        <SyncLogList
          key={params.toString()}
          productId={productId}
          batchId={applied.batchId || null}
          filter={filter}
          filtered={filtered}
        />
      </section>
    </>
  );
}
