import type { GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";
import { isPermission } from "./permissions";
import { PUBLIC_EXTENSION } from "./public";

export interface UndeclaredOperation {
  /** e.g. "Mutation.syncProduct" */
  operation: string;
  reason: string;
}

type ClassType = abstract new (...args: never[]) => unknown;

interface HandlerMeta {
  target: ClassType | object;
  methodName: string;
  schemaName: string;
}

/**
 * Every Query/Mutation/Subscription field of `schema` that declares neither `@Authorized(...)`
 * nor `@Public()`, or that names an unknown permission. `resolvers` is the list given to
 * buildSchema: type-graphql's metadata is global, so it says which classes this schema is made of.
 */
export function findUndeclaredOperations(
  schema: GraphQLSchema,
  resolvers: readonly ClassType[],
): UndeclaredOperation[] {
  const storage = getMetadataStorage();
  const fromClass = (target: HandlerMeta["target"]) =>
    resolvers.some((r) => r === target || (typeof target === "function" && r.prototype instanceof target));
  const roots = [
    { type: schema.getQueryType(), handlers: storage.queries as HandlerMeta[] },
    { type: schema.getMutationType(), handlers: storage.mutations as HandlerMeta[] },
    { type: schema.getSubscriptionType(), handlers: storage.subscriptions as HandlerMeta[] },
  ];
  const found: UndeclaredOperation[] = [];
  for (const { type, handlers } of roots) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      const operation = `${type.name}.${field.name}`;
      if (field.extensions[PUBLIC_EXTENSION] === true) continue;
      const handler = handlers.find((h) => h.schemaName === field.name && fromClass(h.target));
      const roles = handler ? rolesOf(storage, handler) : undefined;
      if (roles === undefined) {
        found.push({ operation, reason: "declares neither @Authorized(...) nor @Public()" });
        continue;
      }
      const unknown = roles.filter((r) => !isPermission(r));
      if (unknown.length > 0)
        found.push({ operation, reason: `unknown permission(s): ${unknown.map(String).join(", ")}` });
    }
  }
  return found;
}

function rolesOf(
  storage: ReturnType<typeof getMetadataStorage>,
  handler: HandlerMeta,
): readonly unknown[] | undefined {
  const onMethod = storage.authorizedFields.find(
    (a) => a.target === handler.target && a.fieldName === handler.methodName,
  );
  if (onMethod) return onMethod.roles as unknown[];
  const onClass = storage.authorizedResolver.find((a) => a.target === handler.target);
  return onClass ? (onClass.roles as unknown[]) : undefined;
}
