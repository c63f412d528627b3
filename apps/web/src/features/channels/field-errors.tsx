import type { FieldKey } from "./settings-draft";

export type FieldErrors = Partial<Record<FieldKey, string>>;

/** The error and hint ids of one input, and the attributes that tie them to it for assistive tech. */
export function fieldAria(formId: string, errors: FieldErrors) {
  const errorId = (f: FieldKey) => `${formId}-${f.replace(/\./g, "-")}-error`;
  const hintId = (f: FieldKey) => `${formId}-${f.replace(/\./g, "-")}-hint`;
  return {
    hintId,
    /** The hint always describes the input; an error, when there is one, comes first. */
    described(f: FieldKey, hint = false) {
      const by = [errors[f] ? errorId(f) : null, hint ? hintId(f) : null].filter(Boolean).join(" ");
      return { ...(errors[f] ? { "aria-invalid": true } : {}), ...(by ? { "aria-describedby": by } : {}) };
    },
    errorFor(f: FieldKey) {
      return errors[f] ? (
        <span className="field-error" id={errorId(f)} role="alert" data-testid={`error-${f}`}>
          {errors[f]}
        </span>
      ) : null;
    },
  };
}
