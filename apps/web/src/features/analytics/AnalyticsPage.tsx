import { useCallback, useMemo, useState } from "react";
import { useApolloClient, useQuery } from "@apollo/client/react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import type { StatsBucket, SyncStatsQuery } from "../../gql/graphql";
import { useErrorClass } from "../../i18n/enums";
import { INTL_LOCALES, isLanguage } from "../../i18n/languages";
import { formatCount, formatPercent } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { PlatformTag } from "../../ui/PlatformTag";
import { EmptyState, ErrorState, Loading } from "../../ui/states";
import { analyticsChannelsQuery, slowestEndpointsQuery, syncStatsQuery } from "./operations";
import { TimeChart, type ChartSeries } from "./TimeChart";

type Bucket = SyncStatsQuery["syncStats"][number];

/** Each preset is a whole number of buckets ending with the bucket that holds now. */
const PRESETS = {
  hour: { bucket: "MINUTE", stepMs: 60_000, buckets: 60 },
  day: { bucket: "HOUR", stepMs: 3_600_000, buckets: 24 },
  month: { bucket: "DAY", stepMs: 86_400_000, buckets: 30 },
} as const satisfies Record<string, { bucket: StatsBucket; stepMs: number; buckets: number }>;
type Preset = keyof typeof PRESETS;
const isPreset = (v: string | null): v is Preset => v !== null && v in PRESETS;

/** Buckets are UTC-aligned on the server; so are these edges, so no bucket is cut in two. */
function rangeOf(preset: Preset, now: number): { from: string; to: string } {
  const { stepMs, buckets } = PRESETS[preset];
  const to = Math.ceil((now + 1) / stepMs) * stepMs;
  return { from: new Date(to - buckets * stepMs).toISOString(), to: new Date(to).toISOString() };
}

const COLORS = {
  succeeded: "#1f9d55",
  skipped: "#6b7385",
  deadLettered: "#c53030",
  failed: "#d69e2e",
  rate: "#2b6cb0",
  p50: "#2b6cb0",
  p95: "#b83280",
};
const CLASS_COLORS = ["#c53030", "#d69e2e", "#2b6cb0", "#805ad5", "#319795", "#6b7385"];

const sum = (rows: readonly Bucket[], pick: (b: Bucket) => number) => rows.reduce((n, b) => n + pick(b), 0);
const ended = (b: Bucket) => b.succeeded + b.skipped + b.deadLettered;
/** Items that ended well (written or already up to date) out of all that ended; null when none ended. */
const successRate = (ok: number, all: number) => (all === 0 ? null : (ok / all) * 100);

function errorTotals(rows: readonly Bucket[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const b of rows)
    for (const e of b.errorsByClass) totals.set(e.errorClass, (totals.get(e.errorClass) ?? 0) + e.count);
  return new Map([...totals].sort((a, b) => b[1] - a[1]));
}

interface LegendItem {
  key: string;
  label: string;
  color: string;
  value: string;
  raw?: number;
}

function Legend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="chart-legend">
      {items.map((i) => (
        <li key={i.key} data-testid={`legend-${i.key}`} data-value={i.raw}>
          <span className="chart-swatch" style={{ background: i.color }} aria-hidden="true" />
          {i.label} <strong>{i.value}</strong>
        </li>
      ))}
    </ul>
  );
}

/** Failed calls of one channel over the range, by class: errors by platform, one row per shop. */
function ChannelErrorsRow({
  channel,
  range,
  bucket,
}: {
  channel: { id: string; name: string; platform: string };
  range: { from: string; to: string };
  bucket: StatsBucket;
}) {
  const { t } = useTranslation();
  const describe = useErrorClass();
  const { data, error } = useQuery(syncStatsQuery, {
    variables: { ...range, bucket, channelId: channel.id },
  });
  const totals = data ? errorTotals(data.syncStats) : null;
  const all = totals ? [...totals.values()].reduce((a, b) => a + b, 0) : null;
  return (
    <tr data-testid="channel-errors" data-channel-id={channel.id} data-value={all ?? undefined}>
      <td>{channel.name}</td>
      <td>
        <PlatformTag platform={channel.platform} />
      </td>
      <td className="num">{error ? t("analytics.unavailable") : formatCount(all)}</td>
      <td>
        {totals && totals.size > 0 ? (
          <ul className="chart-legend">
            {[...totals].map(([c, n]) => (
              <li key={c} data-error-class={c}>
                {describe(c).name} <strong>{formatCount(n)}</strong>
              </li>
            ))}
          </ul>
        ) : (
          totals && t("analytics.none")
        )}
      </td>
    </tr>
  );
}

/** Where batches wait: the endpoints whose calls were slowest over the range. */
function SlowestEndpoints({
  range,
  channelId,
  formatMs,
}: {
  range: { from: string; to: string };
  channelId: string | null;
  formatMs: (v: number) => string;
}) {
  const { t } = useTranslation();
  const { data, error, refetch } = useQuery(slowestEndpointsQuery, { variables: { ...range, channelId } });
  return (
    <section className="card" aria-labelledby="slowest-endpoints">
      <h2 id="slowest-endpoints">{t("analytics.slowest")}</h2>
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} title={t("analytics.couldNotRead")} />
      ) : !data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("analytics.col.platform")}</th>
                <th>{t("analytics.col.endpoint")}</th>
                <th className="num">{t("analytics.col.calls")}</th>
                <th className="num">{t("analytics.col.failedCalls")}</th>
                <th className="num">{t("analytics.p50")}</th>
                <th className="num">{t("analytics.p95")}</th>
                <th className="num">{t("analytics.col.max")}</th>
              </tr>
            </thead>
            <tbody>
              {data.slowestEndpoints.map((e) => (
                <tr
                  key={`${e.platform} ${e.method} ${e.endpoint}`}
                  data-testid="slow-endpoint"
                  data-endpoint={e.endpoint}
                  data-p95={e.p95Ms}
                >
                  <td>
                    <PlatformTag platform={e.platform} />
                  </td>
                  <td>
                    <code>{e.method}</code> <code>{e.endpoint}</code>
                  </td>
                  <td className="num">{formatCount(e.calls)}</td>
                  <td className="num">{formatCount(e.failed)}</td>
                  <td className="num">{formatMs(e.p50Ms)}</td>
                  <td className="num">{formatMs(e.p95Ms)}</td>
                  <td className="num">{formatMs(e.maxMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function AnalyticsPage() {
  const { t, i18n } = useTranslation();
  const describe = useErrorClass();
  const [params, setParams] = useSearchParams();
  const rangeParam = params.get("range");
  const preset: Preset = isPreset(rangeParam) ? rangeParam : "day";
  const channelId = params.get("channelId") || null;
  // The range is fixed when chosen, not on every render: a moving "now" would refetch forever.
  const [now, setNow] = useState(() => Date.now());
  const range = useMemo(() => rangeOf(preset, now), [preset, now]);
  const { bucket } = PRESETS[preset];
  const channels = useQuery(analyticsChannelsQuery);
  const client = useApolloClient();
  const { data, error, loading, refetch } = useQuery(syncStatsQuery, {
    variables: { ...range, bucket, channelId },
  });

  function choose(key: "range" | "channelId", value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
    setNow(Date.now());
  }

  const lng = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";
  const formatTime = useMemo(() => {
    const locale = INTL_LOCALES[lng].dates;
    const f = new Intl.DateTimeFormat(
      locale,
      bucket === "DAY" ? { day: "numeric", month: "short" } : { hour: "2-digit", minute: "2-digit" },
    );
    // Hourly ticks name the day only where one begins (local midnight), so labels fit side by side.
    const day = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" });
    return (ms: number) =>
      bucket === "HOUR" && new Date(ms).getHours() === 0 ? day.format(ms) : f.format(ms);
  }, [lng, bucket]);
  const formatNumber = useCallback((v: number) => formatCount(v, lng), [lng]);
  const formatRate = useCallback((v: number) => formatPercent(v, lng), [lng]);
  const formatMs = useCallback((v: number) => t("analytics.ms", { value: formatCount(v, lng) }), [t, lng]);

  const rows = data?.syncStats;
  const view = useMemo(() => {
    if (!rows) return null;
    const times = rows.map((b) => Date.parse(b.at));
    const totals = {
      succeeded: sum(rows, (b) => b.succeeded),
      skipped: sum(rows, (b) => b.skipped),
      deadLettered: sum(rows, (b) => b.deadLettered),
      failed: sum(rows, (b) => b.failed),
      calls: sum(rows, (b) => b.calls),
    };
    const classes = errorTotals(rows);
    const throughput: ChartSeries[] = (["succeeded", "skipped", "deadLettered", "failed"] as const).map(
      (k) => ({ label: t(`analytics.outcome.${k}`), color: COLORS[k], values: rows.map((b) => b[k]) }),
    );
    const rate: ChartSeries[] = [
      {
        label: t("analytics.successRate"),
        color: COLORS.rate,
        values: rows.map((b) => successRate(b.succeeded + b.skipped, ended(b))),
      },
    ];
    const errors: ChartSeries[] = [...classes.keys()].map((c, i) => ({
      label: describe(c).name,
      color: CLASS_COLORS[i % CLASS_COLORS.length]!,
      values: rows.map((b) => b.errorsByClass.find((e) => e.errorClass === c)?.count ?? 0),
    }));
    const latency: ChartSeries[] = [
      { label: t("analytics.p50"), color: COLORS.p50, values: rows.map((b) => b.p50Ms) },
      { label: t("analytics.p95"), color: COLORS.p95, values: rows.map((b) => b.p95Ms) },
    ];
    const p95s = rows.flatMap((b) => (b.p95Ms === null ? [] : [b.p95Ms]));
    const p50s = rows.flatMap((b) => (b.p50Ms === null ? [] : [b.p50Ms]));
    return { times, totals, classes, throughput, rate, errors, latency, p95s, p50s };
  }, [rows, t, describe]);

  const shownChannels = (channels.data?.channels ?? []).filter((c) => !channelId || c.id === channelId);
  const allEnded = view ? view.totals.succeeded + view.totals.skipped + view.totals.deadLettered : 0;
  const rate = view ? successRate(view.totals.succeeded + view.totals.skipped, allEnded) : null;

  return (
    <>
      <PageHeader
        title={t("analytics.title")}
        subtitle={t("analytics.subtitle")}
        actions={
          <button
            type="button"
            className="button"
            onClick={() => {
              // Within the same bucket the range does not change, so the cached answers are asked again.
              setNow(Date.now());
              void client.refetchQueries({ include: "active" });
            }}
            disabled={loading}
          >
            {t("analytics.refresh")}
          </button>
        }
      />
      <div className="toolbar" role="group" aria-label={t("analytics.filters")}>
        <label className="field">
          <span>{t("analytics.range")}</span>
          <select data-testid="range" value={preset} onChange={(e) => choose("range", e.target.value)}>
            {(Object.keys(PRESETS) as Preset[]).map((p) => (
              <option key={p} value={p}>
                {t(`analytics.presets.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("analytics.channel")}</span>
          <select
            data-testid="channel"
            value={channelId ?? ""}
            onChange={(e) => choose("channelId", e.target.value)}
          >
            <option value="">{t("analytics.anyChannel")}</option>
            {channels.data?.channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div
        className="analytics"
        data-testid="analytics"
        data-from={range.from}
        data-to={range.to}
        data-bucket={bucket}
      >
        {error && !view ? (
          <ErrorState error={error} retry={() => void refetch()} title={t("analytics.couldNotRead")} />
        ) : !view ? (
          <Loading />
        ) : view.totals.calls === 0 && allEnded === 0 && view.totals.failed === 0 ? (
          <EmptyState title={t("analytics.empty")}>
            <p>{t("analytics.emptyBody")}</p>
          </EmptyState>
        ) : (
          <>
            <dl className="stat-grid analytics-summary" data-testid="analytics-summary">
              {(
                [
                  ["ended", allEnded, "info"],
                  ["succeeded", view.totals.succeeded, "ok"],
                  ["deadLettered", view.totals.deadLettered, "bad"],
                  ["failed", view.totals.failed, "warn"],
                  ["calls", view.totals.calls, "info"],
                ] as const
              ).map(([key, n, tone]) => (
                <div key={key} className={`stat tone-${tone}`} data-stat={key} data-value={n}>
                  <dt>{t(`analytics.summary.${key}`)}</dt>
                  <dd>{formatCount(n)}</dd>
                </div>
              ))}
              <div className="stat" data-stat="successRate">
                <dt>{t("analytics.successRate")}</dt>
                <dd>{rate === null ? "—" : formatPercent(rate)}</dd>
              </div>
            </dl>
            <div className="analytics-grid">
              <section className="card" aria-labelledby="chart-throughput">
                <h2 id="chart-throughput">{t("analytics.throughput")}</h2>
                <TimeChart
                  testId="chart-throughput"
                  counts
                  label={t("analytics.throughput")}
                  times={view.times}
                  series={view.throughput}
                  formatTime={formatTime}
                  formatValue={formatNumber}
                />
                <Legend
                  items={(["succeeded", "skipped", "deadLettered", "failed"] as const).map((k) => ({
                    key: k,
                    label: t(`analytics.outcome.${k}`),
                    color: COLORS[k],
                    value: formatCount(view.totals[k]),
                    raw: view.totals[k],
                  }))}
                />
              </section>
              <section className="card" aria-labelledby="chart-rate">
                <h2 id="chart-rate">{t("analytics.successRate")}</h2>
                <TimeChart
                  testId="chart-success-rate"
                  label={t("analytics.successRate")}
                  times={view.times}
                  series={view.rate}
                  formatTime={formatTime}
                  formatValue={formatRate}
                  yRange={PERCENT_RANGE}
                />
                <Legend
                  items={[
                    {
                      key: "successRate",
                      label: t("analytics.overall"),
                      color: COLORS.rate,
                      value: rate === null ? "—" : formatPercent(rate),
                    },
                  ]}
                />
              </section>
              <section className="card" aria-labelledby="chart-errors">
                <h2 id="chart-errors">{t("analytics.errorsByClass")}</h2>
                {view.classes.size === 0 ? (
                  <p className="muted">{t("analytics.noErrors")}</p>
                ) : (
                  <>
                    <TimeChart
                      testId="chart-errors"
                      counts
                      label={t("analytics.errorsByClass")}
                      times={view.times}
                      series={view.errors}
                      formatTime={formatTime}
                      formatValue={formatNumber}
                    />
                    <Legend
                      items={[...view.classes].map(([c, n], i) => ({
                        key: `error-${c}`,
                        label: describe(c).name,
                        color: CLASS_COLORS[i % CLASS_COLORS.length]!,
                        value: formatCount(n),
                        raw: n,
                      }))}
                    />
                  </>
                )}
              </section>
              <section className="card" aria-labelledby="chart-latency">
                <h2 id="chart-latency">{t("analytics.latency")}</h2>
                <TimeChart
                  testId="chart-latency"
                  label={t("analytics.latency")}
                  times={view.times}
                  series={view.latency}
                  formatTime={formatTime}
                  formatValue={formatMs}
                />
                <Legend
                  items={[
                    {
                      key: "p50",
                      label: t("analytics.p50Peak"),
                      color: COLORS.p50,
                      value: view.p50s.length ? formatMs(Math.max(...view.p50s)) : "—",
                    },
                    {
                      key: "p95",
                      label: t("analytics.p95Peak"),
                      color: COLORS.p95,
                      value: view.p95s.length ? formatMs(Math.max(...view.p95s)) : "—",
                    },
                  ]}
                />
              </section>
            </div>
            <SlowestEndpoints range={range} channelId={channelId} formatMs={formatMs} />
            <section className="card" aria-labelledby="errors-by-channel">
              <h2 id="errors-by-channel">{t("analytics.errorsByChannel")}</h2>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t("analytics.col.channel")}</th>
                      <th>{t("analytics.col.platform")}</th>
                      <th className="num">{t("analytics.col.failedCalls")}</th>
                      <th>{t("analytics.col.byClass")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shownChannels.map((c) => (
                      <ChannelErrorsRow key={c.id} channel={c} range={range} bucket={bucket} />
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </>
        )}
      </div>
    </>
  );
}

const PERCENT_RANGE: [number, number] = [0, 100];
