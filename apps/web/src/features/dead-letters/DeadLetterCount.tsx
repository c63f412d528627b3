import { useQuery } from "@apollo/client/react";
import { formatCount } from "../../ui/format";
import { deadLetterCountQuery } from "./operations";

/** The header's reminder that something needs a person. */
export function DeadLetterCount() {
  const { data } = useQuery(deadLetterCountQuery, { pollInterval: 10_000, fetchPolicy: "no-cache" });
  const n = data?.deadLetters.totalCount ?? 0;
  if (n === 0) return null;
  return (
    <span className="count-pill" aria-label={`${n} dead letters`} data-testid="dead-letter-count">
      {formatCount(n)}
    </span>
  );
}
