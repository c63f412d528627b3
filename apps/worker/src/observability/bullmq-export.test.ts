import { describe, expect, it } from "vitest";
import { mergePrometheusTexts } from "./bullmq-export";

const exportOf = (queue: string, waiting: number) =>
  [
    "# HELP bullmq_job_count Number of jobs in the queue by state",
    "# TYPE bullmq_job_count gauge",
    `bullmq_job_count{queue="${queue}", state="waiting"} ${waiting}`,
    "# HELP bullmq_job_completed_total Total number of completed jobs",
    "# TYPE bullmq_job_completed_total counter",
    `bullmq_job_completed_total{queue="${queue}"} 3`,
  ].join("\n");

describe("mergePrometheusTexts", () => {
  it("lists each family once, with the samples of every queue together", () => {
    expect(mergePrometheusTexts([exportOf("a", 1), exportOf("b", 2)]).split("\n")).toEqual([
      "# HELP bullmq_job_count Number of jobs in the queue by state",
      "# TYPE bullmq_job_count gauge",
      'bullmq_job_count{queue="a", state="waiting"} 1',
      'bullmq_job_count{queue="b", state="waiting"} 2',
      "# HELP bullmq_job_completed_total Total number of completed jobs",
      "# TYPE bullmq_job_completed_total counter",
      'bullmq_job_completed_total{queue="a"} 3',
      'bullmq_job_completed_total{queue="b"} 3',
    ]);
  });
});
