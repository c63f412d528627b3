import { useQuery } from "@apollo/client/react";
import { formatCount } from "../../ui/format";
import { deadLetterCountQuery } from "./operations";

/** The header's reminder that something needs a person. */
export function DeadLetterCount({ decorative = false }: { decorative?: boolean }) {
  const { data } = useQuery(deadLetterCountQuery, { pollInterval: 10_000, fetchPolicy: "no-cache" });
  const n = data?.deadLetters.totalCount ?? 0;
  if (n === 0) return null;
  return (
    // The menu button repeats the count for the closed phone menu; the nav entry is the one announced.
    <span
      className="count-pill"
      aria-label={decorative ? undefined : `${n} dead letters`}
      aria-hidden={decorative || undefined}
      data-testid={decorative ? undefined : "dead-letter-count"}
    >
      {formatCount(n)}
    </span>
  );
}
