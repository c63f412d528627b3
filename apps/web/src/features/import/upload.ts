import i18next from "i18next";
import { session } from "../../auth/session";
import { refusalText } from "../../i18n/refusals";

/** One problem of a rejected row: its field ("" for the whole row) and the rule it broke. */
export interface RowProblem {
  field: string;
  code: string;
  rule: string;
  params: Record<string, string | number>;
  message: string;
}

export interface RejectedRow {
  unit: "line" | "row" | "index";
  position: number;
  sku: string | null;
  /** The server's English, `field: message` each; said from `problems` where a rule is known. */
  reasons: string[];
  /** Absent from a server older than the rules. */
  problems?: RowProblem[];
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  valid?: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRow[];
  rejectedCount: number;
  listingsMarkedOutOfDate: number;
}

export interface ImportProgress {
  rows: number;
  inserted: number;
  updated: number;
  rejected: number;
}

type Line =
  | ({ type: "progress" } & ImportProgress)
  | ({ type: "report" } & ImportReport)
  | { type: "error"; message: string; rule?: string; params?: Record<string, string | number> };

export function formatOf(file: File): "csv" | "xlsx" | null {
  const name = file.name.toLowerCase();
  return name.endsWith(".csv") ? "csv" : name.endsWith(".xlsx") ? "xlsx" : null;
}

/**
 * Sends the file to POST /catalog/import as it is (the browser streams it from disk) and reads the
 * NDJSON answer line by line: progress after each written chunk, then the report.
 */
export async function uploadCatalog(
  file: File,
  opts: { dryRun: boolean; onProgress: (p: ImportProgress) => void },
): Promise<ImportReport> {
  const format = formatOf(file);
  if (!format) throw new Error(i18next.t("import.chooseFile"));
  const token = session.token();
  const res = await fetch(`/catalog/import?format=${format}${opts.dryRun ? "&dryRun=true" : ""}`, {
    method: "POST",
    headers: {
      "content-type": "application/octet-stream",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: file,
  });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? i18next.t("import.serverAnswered", { status: res.status }));
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const text of lines) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as Line;
      if (line.type === "progress") opts.onProgress(line);
      else if (line.type === "error") throw new Error(refusalText(i18next.t, line));
      else return line;
    }
  }
  throw new Error(i18next.t("import.noReport"));
}
