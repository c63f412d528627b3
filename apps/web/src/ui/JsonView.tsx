import { useMemo } from "react";

/** Pretty JSON for marketplace bodies; strings that hold JSON (raw bodies) are unpacked too. */
export function prettyJson(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

export function JsonView({ value, label }: { value: unknown; label: string }) {
  const text = useMemo(() => prettyJson(value), [value]);
  return (
    <figure className="json">
      <figcaption>{label}</figcaption>
      <pre tabIndex={0} aria-label={label}>
        {text}
      </pre>
    </figure>
  );
}
