/**
 * BullMQ's own Prometheus export is per queue, each with its own HELP/TYPE lines; a scrape of several
 * queues must list each metric family once with all its samples together, so the exports are merged.
 */
export function mergePrometheusTexts(texts: readonly string[]): string {
  const families = new Map<string, { header: string[]; samples: string[] }>();
  for (const text of texts) {
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      const meta = /^# (HELP|TYPE) (\S+)/.exec(line);
      const name = meta?.[2] ?? /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line)?.[1];
      if (!name) continue;
      let family = families.get(name);
      if (!family) families.set(name, (family = { header: [], samples: [] }));
      if (meta) {
        if (!family.header.some((h) => h.startsWith(`# ${meta[1]} `))) family.header.push(line);
      } else family.samples.push(line);
    }
  }
  return [...families.values()].flatMap((f) => [...f.header, ...f.samples]).join("\n");
}
