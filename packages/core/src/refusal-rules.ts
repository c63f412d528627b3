/**
 * The exact rule a refused value broke, with the parameters a sentence about it needs: a `code` such
 * as INVALID or OUT_OF_RANGE says what kind of refusal it is, the rule says which one, so a client can
 * say it in its reader's language (the dashboard's catalogs hold one message per rule; a test derives
 * the list from here) and fall back to the English `message` for a rule it does not know yet.
 * Each entry names its parameters; the field a refusal is about travels beside them, as `field`.
 */
export const REFUSAL_RULES = {
  REQUIRED: { params: [], means: "The field must be given." },
  BLANK: { params: [], means: "The text is empty or only whitespace." },
  NOT_TEXT: { params: [], means: "The value must be text." },
  NOT_A_LIST: { params: [], means: "The value must be a list." },
  NOT_AN_OBJECT: { params: [], means: "The value must be an object of names to values." },
  UNKNOWN_FIELD: { params: [], means: "The file or input has a field SyncStore does not read." },
  DECIMAL: { params: [], means: "A decimal number such as 15000 or 15000.50 is needed." },
  DECIMAL_PLACES: { params: ["max"], means: "The number has more decimal places than `max`." },
  WHOLE_NUMBER: { params: [], means: "A whole number is needed." },
  WHOLE_NUMBER_BETWEEN: { params: ["min", "max"], means: "A whole number from `min` to `max` is needed." },
  MIN: { params: ["min"], means: "The number must be `min` or more." },
  MAX: { params: ["max"], means: "The number must be `max` or less." },
  ABOVE: { params: ["min"], means: "The number must be more than `min`." },
  POSITIVE_WHOLE_NUMBER: { params: ["max"], means: "A whole number above 0, at most `max`." },
  POSITIVE_DECIMAL: {
    params: ["max", "places"],
    means: "A number above 0, at most `max`, with at most `places` decimals.",
  },
  MIN_LENGTH: { params: ["min"], means: "The text must have at least `min` characters." },
  EMAIL: { params: [], means: "The value is not an email address." },
  MAX_LENGTH: { params: ["max", "actual"], means: "The text has `actual` characters; `max` at most." },
  MAX_ITEMS: { params: ["max", "actual"], means: "The list has `actual` entries; `max` at most." },
  UNSAFE_CHARACTER: {
    params: ["character"],
    means: "The text holds a control or bidirectional-override character (`character`, as U+XXXX).",
  },
  NO_SPACES: { params: [], means: "The value must not contain spaces." },
  IMAGE_URL: { params: [], means: "An image must be an http(s) URL or a /media/ path." },
  CURRENCY_CODE: { params: [], means: "A three-letter currency code such as IDR is needed." },
  DIMENSIONS_TOGETHER: { params: [], means: "Length, width and height are given together or not at all." },
  JSON: { params: [], means: "The text is not valid JSON." },
  KEY_VALUE: { params: ["pair"], means: "`pair` is not written as key=value." },
  ATTRIBUTE_VALUE: { params: ["name"], means: "Attribute `name` needs a text value." },
  SKU_OF_PRODUCT: { params: [], means: "A variant's SKU must differ from its product's SKU." },
  SKU_REPEATED: { params: ["first"], means: "The SKU repeats the one at `first` in the same row." },
  SKU_EARLIER_ROW: {
    params: ["sku", "unit", "position"],
    means: "An earlier row of the file (`unit` `position`: line, row or index) already has this SKU.",
  },
  SKU_TAKEN: { params: ["sku"], means: "Another product or variant already has SKU `sku`." },
  ATTRIBUTE_REPEATED: { params: ["name"], means: "Attribute `name` is given more than once." },
  SKU_OF_OTHER_PRODUCT: { params: ["sku", "owner"], means: "The variant SKU belongs to product `owner`." },
  FIELD_COUNT: {
    params: ["actual", "expected"],
    means: "The row has `actual` fields but the header has `expected`.",
  },
  BEYOND_HEADER: { params: ["expected"], means: "The row has values beyond the header's columns." },
  ROW_NOT_AN_OBJECT: { params: [], means: "A JSON file's entry must be an object." },
  DATABASE_REFUSED: { params: [], means: "The database refused the chunk this row was written in." },
  UNKNOWN_COLUMNS: { params: ["columns"], means: "The header names columns SyncStore does not read." },
  REPEATED_COLUMNS: { params: ["columns"], means: "The header names these columns more than once." },
  MISSING_COLUMNS: { params: ["columns"], means: "The header lacks these required columns." },
  EMPTY_FILE: { params: [], means: "The file has no header row." },
  CSV_SYNTAX: { params: [], means: "The file is not well-formed CSV (the message says where)." },
  NOT_XLSX: { params: [], means: "The file is not a readable XLSX workbook." },
  FILE_TOO_LARGE: { params: ["maxMb"], means: "The file is larger than `maxMb` MB." },
  NOT_FOUND: { params: [], means: "Nothing with this id exists (or it is not visible to you)." },
} as const satisfies Record<string, { params: readonly string[]; means: string }>;

export type RefusalRule = keyof typeof REFUSAL_RULES;
export const REFUSAL_RULE_NAMES = Object.keys(REFUSAL_RULES) as RefusalRule[];

/** A rule's parameters by name; numbers stay numbers so a client can format them in its language. */
export type RuleParams<R extends RefusalRule> = {
  readonly [P in (typeof REFUSAL_RULES)[R]["params"][number]]: string | number;
};

/** A rule with its parameters, each rule checked against the parameter names it declares. */
export type RuleRef = { [R in RefusalRule]: { rule: R; params: RuleParams<R> } }[RefusalRule];

export function ruleRef<R extends RefusalRule>(rule: R, params: RuleParams<R>): RuleRef {
  // TypeScript cannot narrow the mapped union by a generic key; the signature has checked the pair.
  return { rule, params } as RuleRef;
}
