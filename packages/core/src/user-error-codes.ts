/**
 * Every `userErrors[].code` a mutation can answer, with what it means: the schema's `UserErrorCode`
 * enum is built from this list, so partners can switch on a code and a new one is a schema change.
 */
export const USER_ERROR_CODES = {
  NOT_FOUND: "Nothing with this id exists (or it is not visible to you).",
  REQUIRED: "The field must be given.",
  INVALID: "The value has the wrong form; the message says which.",
  BLANK: "The value is empty or only whitespace.",
  TOO_LONG: "The value is longer than the field allows.",
  TOO_MANY: "The list has more entries than the field allows.",
  OUT_OF_RANGE: "The number is outside the field's range.",
  DUPLICATE: "The value repeats one that must be unique.",
  TAKEN: "Another record already uses this value.",
  EMPTY_SELECTION: "The selection (ids or search) matches nothing.",
  CONFLICTING_SELECTION: "Both productIds and a search or listing filter were given; give one.",
  UNKNOWN_PRODUCTS: "Some product ids do not exist; the message lists them.",
  EMPTY_PLATFORMS: "No platform was chosen.",
  NO_CHANNEL: "No enabled channel serves the chosen platform.",
  BATCH_TOO_LARGE: "The batch would exceed SYNC_MAX_BATCH_ITEMS items.",
  ALREADY_FINISHED: "The batch has already finished.",
  BATCH_RUNNING: "The batch has not finished yet; roll it back once it has (or cancel it first).",
  ROLLBACK_RUNNING: "A rollback of this batch is still running.",
  LATER_CHANGES:
    "A later batch changed some of the batch's listings; choose onLaterChanges SKIP or FORCE to roll back anyway.",
  INVALID_CREDENTIALS: "The email or password is wrong.",
  ACCOUNT_DISABLED: "The account is disabled.",
  LAST_ADMIN: "The change would leave no enabled ADMIN user; make another user ADMIN first.",
} as const;

export type UserErrorCode = keyof typeof USER_ERROR_CODES;
