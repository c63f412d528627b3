import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartSeries {
  label: string;
  color: string;
  /** One value per point of the x axis; null is a gap (nothing to measure in that bucket). */
  values: (number | null)[];
}

/**
 * A uPlot time chart on a canvas that follows its container's width. uPlot's own legend is off: the
 * page draws its legend in the DOM, in the reader's language and with totals, where it can be read
 * and tested.
 */
export function TimeChart({
  label,
  times,
  series,
  formatTime,
  formatValue,
  yRange,
  counts = false,
  testId,
}: {
  label: string;
  /** Bucket starts, epoch milliseconds. */
  times: number[];
  series: ChartSeries[];
  formatTime: (ms: number) => string;
  formatValue: (v: number) => string;
  yRange?: [number, number];
  /** Whole things (items, calls): no ticks between integers. */
  counts?: boolean;
  testId: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: 220,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true },
        y: yRange ? { range: yRange } : { range: (_u, _min, max) => [0, Math.max(1, max)] },
      },
      axes: [
        { values: (_u, splits) => splits.map((s) => formatTime(s * 1000)), stroke: "#6b7385", space: 64 },
        {
          values: (_u, splits) => splits.map((s) => formatValue(s)),
          stroke: "#6b7385",
          size: 72,
          ...(counts ? { incrs: COUNT_INCREMENTS } : {}),
        },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          spanGaps: false,
          points: { show: times.length <= 60, size: 4 },
        })),
      ],
    };
    // uPlot takes seconds on a time scale.
    const data: uPlot.AlignedData = [times.map((t) => t / 1000), ...series.map((s) => s.values)];
    const chart = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(200, el.clientWidth), height: 220 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [times, series, formatTime, formatValue, yRange, counts]);
  return <div ref={box} className="time-chart" role="img" aria-label={label} data-testid={testId} />;
}

const COUNT_INCREMENTS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1e6, 1e7,
];
