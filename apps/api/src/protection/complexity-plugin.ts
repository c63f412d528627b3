import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { GraphQLError } from "graphql";
import { complexityError, costReport, type CostReport, type QueryLimits } from "./limits";
import { measureOperation } from "./cost";

/**
 * Refuses operations over the depth, alias or cost limits before they execute (QUERY_TOO_COMPLEX,
 * HTTP 400), and reports the calculated cost in `extensions.cost` of every response that ran.
 */
export function queryComplexityPlugin(limits: QueryLimits): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      return {
        async didResolveOperation({ schema, document, operationName, request }) {
          const measure = measureOperation(schema, document, operationName, request.variables, limits.cost);
          const error = complexityError(measure, limits);
          if (error) {
            throw new GraphQLError(error.message, {
              extensions: { ...error.extensions, http: { status: 400 } },
            });
          }
          report = costReport(measure, limits);
        },
        async willSendResponse({ response }) {
          if (!report || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: report };
        },
      };
    },
  };
}
