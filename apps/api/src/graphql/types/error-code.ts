import { GraphQLEnumType } from "graphql";
import { ERROR_CODE_DESCRIPTIONS, ErrorCode } from "../errors";

/**
 * `extensions.code` as a schema type. No field returns it — the code travels in `errors`, not in
 * `data` — so buildApiSchema adds it to the schema's types itself.
 */
export const ErrorCodeEnum = new GraphQLEnumType({
  name: "ErrorCode",
  description:
    "The `extensions.code` of an entry in `errors`: a closed list of stable values to switch on (the message is for people).",
  values: Object.fromEntries(
    Object.values(ErrorCode).map((code) => [
      code,
      { value: code, description: ERROR_CODE_DESCRIPTIONS[code] },
    ]),
  ),
});
