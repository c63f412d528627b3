/**
 * The fixed path template of a marketplace endpoint, for a metric label: ids in the path
 * (`/product/202309/products/1729582746829439/prices/update`) become `{id}`, so every product does not
 * get its own series. API versions such as `202309` are short and stay. Paths beyond `MAX_TEMPLATES`
 * distinct ones collapse to `other` — a guard against an id shape nobody foresaw.
 */
const ID_SEGMENT = /^(\d{7,}|[0-9a-f]{8}-[0-9a-f-]{27,}|(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{16,})$/;
const MAX_TEMPLATES = 200;

export function endpointTemplate(path: string): string {
  const clean = path.split("?")[0] ?? "";
  return clean
    .split("/")
    .map((segment) => (ID_SEGMENT.test(segment) ? "{id}" : segment))
    .join("/");
}

/** Remembers the templates seen so far and caps their number. */
export class EndpointLabels {
  private readonly seen = new Set<string>();

  label(path: string): string {
    const template = endpointTemplate(path);
    if (this.seen.has(template)) return template;
    if (this.seen.size >= MAX_TEMPLATES) return "other";
    this.seen.add(template);
    return template;
  }
}
