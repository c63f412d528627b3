import { useErrorClass } from "../i18n/enums";

/**
 * A marketplace failure as an operator reads it: the error class and what it means in their language,
 * beside the marketplace's own message, verbatim and marked `translate="no"` — those exact words are
 * what the marketplace's support and its documentation recognise.
 */
export function MarketplaceError({
  errorClass,
  field,
  message,
  explain = false,
}: {
  errorClass: string | null | undefined;
  field?: string | null;
  message: string;
  /** Also print the class's explanation (a detail view); elsewhere it is the class name's tooltip. */
  explain?: boolean;
}) {
  const describe = useErrorClass();
  const { name, explanation } = describe(errorClass);
  return (
    <span className="marketplace-error">
      <strong title={explanation ?? undefined}>
        {name}
        {field ? ` (${field})` : ""}:
      </strong>{" "}
      <span className="raw-message" translate="no" data-testid="raw-error">
        {message}
      </span>
      {explain && explanation && <span className="error-explanation">{explanation}</span>}
    </span>
  );
}
