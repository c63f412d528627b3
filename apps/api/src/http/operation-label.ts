import type { GraphQLSchema, OperationDefinitionNode } from "graphql";

/**
 * The `operation` label of the GraphQL metrics: the operation's first root field when the schema
 * has it (`products`, `syncProduct`), `introspection` for `__schema`/`__type`, else `other`. Never
 * the client-chosen operation name: every new name would be a new time series.
 */
export function operationLabel(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode | undefined,
): string {
  if (!operation) return "other";
  const root =
    operation.operation === "query"
      ? schema.getQueryType()
      : operation.operation === "mutation"
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const field = operation.selectionSet.selections.find((s) => s.kind === "Field");
  if (!field || field.kind !== "Field") return "other";
  const name = field.name.value;
  if (name === "__schema" || name === "__type") return "introspection";
  return root?.getFields()[name] ? name : "other";
}
