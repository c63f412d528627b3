/** What a retry or discard tells the user; the page shows it, a group section raises it. */
export interface Notice {
  tone: "ok" | "bad";
  text: string;
  batchId?: string | null;
}
