import type {
  GatewayExecutor,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import { type GraphQLSchema, getVariableValues } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/** How many compiled operations are kept; the oldest is dropped past this. */
const CACHE_SIZE = 500;

/**
 * Executes operations with graphql-jit: each distinct operation is compiled once into a
 * function and reused, which roughly halves the CPU of execution. Apollo still parses and
 * validates every request; it hands execution over through its gateway interface.
 */
export function jitExecution(schema: GraphQLSchema): GatewayInterface {
  const compiled = new Map<string, CompiledQuery>();
  let announce: GatewaySchemaLoadOrUpdateCallback | undefined;

  const executor: GatewayExecutor = async (request) => {
    const { operation, document, operationName, queryHash } = request;
    const variables = request.request.variables ?? {};
    // Variables are checked the way graphql-js checks them, so a bad variable gets the same
    // error (and BAD_USER_INPUT) as without compilation.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return { errors: coerced.errors };

    const key = `${queryHash}:${operationName ?? ''}`;
    let query = compiled.get(key);
    if (!query) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      if (!isCompiledQuery(result)) return result;
      query = result;
      if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
      compiled.set(key, query);
    }
    return query.query(undefined, request.context, variables);
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      announce = callback;
      return () => {
        announce = undefined;
      };
    },
    async load() {
      announce?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return { executor };
    },
    async stop() {
      compiled.clear();
    },
  };
}
