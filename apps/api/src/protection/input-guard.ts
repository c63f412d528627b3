import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from "graphql";
import { userInputError } from "../graphql/errors";

/** Longest value an argument of this name may carry: cursors are ours (short), searches are words. */
const MAX_LENGTH_BY_ARGUMENT: Record<string, number> = { after: 200, before: 200, search: 200 };
/** Any other string: well above every field's own limit (descriptions 10,000), far below the 1 MB body. */
const MAX_STRING_LENGTH = 100_000;

/**
 * Checks every string an operation carries, inline or in variables, before anything runs: no NUL
 * bytes (PostgreSQL cannot store them and answered with its own error text) and no cursor or search
 * longer than its argument allows. The error names the argument (`input.title`, `after`).
 */
export function inputError(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError | null {
  let found: GraphQLError | null = null;
  const path: string[] = [];
  // Visitors return undefined on purpose: graphql-js replaces a node with any other value returned.
  const enter = (name: string): undefined => void path.push(name);
  const leave = (): undefined => void path.pop();
  visit(document, {
    Argument: { enter: (n) => enter(n.name.value), leave },
    ObjectField: { enter: (n) => enter(n.name.value), leave },
    StringValue(node) {
      found ??= stringError(path.join("."), path[path.length - 1] ?? "", node.value);
      return undefined;
    },
    Variable(node, _key, parent) {
      if (!isDefinition(parent)) {
        found ??= valueError(path.join("."), path[path.length - 1] ?? "", variables?.[node.name.value]);
      }
      return undefined;
    },
  });
  return found;
}

function isDefinition(parent: ASTNode | readonly ASTNode[] | undefined): boolean {
  return !!parent && !Array.isArray(parent) && (parent as ASTNode).kind === Kind.VARIABLE_DEFINITION;
}

function valueError(argument: string, name: string, value: unknown): GraphQLError | null {
  if (typeof value === "string") return stringError(argument, name, value);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const e = valueError(`${argument}[${i}]`, name, v);
      if (e) return e;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const e = valueError(argument ? `${argument}.${k}` : k, k, v);
      if (e) return e;
    }
  }
  return null;
}

function stringError(argument: string, name: string, value: string): GraphQLError | null {
  if (value.includes("\u0000")) return userInputError(`${argument} must not contain NUL bytes`, argument);
  const max = MAX_LENGTH_BY_ARGUMENT[name] ?? MAX_STRING_LENGTH;
  if (value.length > max) {
    return userInputError(`${argument} is too long (${value.length} characters, at most ${max})`, argument);
  }
  return null;
}

/** The same check as an Apollo plugin: refused before execution, HTTP 400. */
export function inputGuardPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const error = inputError(document, request.variables);
          if (error) {
            throw new GraphQLError(error.message, {
              extensions: { ...error.extensions, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
