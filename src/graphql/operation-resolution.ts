import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";

/**
 * Refuses a request whose operationName names no operation of its document, before anything runs. Apollo
 * hands a gateway's executor the resolved name (null when none resolved), so without this a document of one
 * operation ran that operation whatever name was asked for, and Apollo then answered 500.
 */
export function operationResolutionPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `Unknown operation named "${request.operationName}".`
            : "Must provide operation name if query contains multiple operations.";
          throw new GraphQLError(message, {
            extensions: { code: "OPERATION_RESOLUTION_FAILURE", http: { status: 400 } },
          });
        },
      };
    },
  };
}
