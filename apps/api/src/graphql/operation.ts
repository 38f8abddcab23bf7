import { ClientError, isStorable } from '@mch/domain';
import { type DocumentNode, Kind, type OperationDefinitionNode, visit } from 'graphql';

/**
 * Which operation of a document to run. A document with several operations needs an
 * `operationName` that names one of them; otherwise the client is told what the document
 * holds, with a 400, instead of the request failing on the server.
 */
export function resolvedOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
  operationName: string | null | undefined,
): OperationDefinitionNode {
  if (operation) return operation;
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  const names = operations
    .map((definition) => (definition.name ? `"${definition.name.value}"` : 'an anonymous one'))
    .join(', ');
  const holds = `The document holds ${operations.length} operation${operations.length === 1 ? '' : 's'}${names ? ` (${names})` : ''}`;
  const message = operationName
    ? `${holds}; \`operationName\` "${operationName}" names none of them. Send the name of one of them.`
    : `${holds}; say which to run with \`operationName\`.`;
  throw new ClientError(
    'OPERATION_RESOLUTION_FAILURE',
    message,
    { operations: operations.map((definition) => definition.name?.value ?? null) },
    400,
  );
}

/** Whether a document's string literals hold unstorable text, kept per parsed document. */
const literalsChecked = new WeakMap<DocumentNode, boolean>();

function literalsUnstorable(document: DocumentNode): boolean {
  let found = literalsChecked.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      StringValue(node) {
        if (!isStorable(node.value)) found = true;
      },
    });
    literalsChecked.set(document, found);
  }
  return found;
}

/**
 * Text PostgreSQL cannot hold (the NUL character, unpaired surrogates) is refused in any
 * argument, literal or variable, before it reaches a resolver.
 */
export function refuseUnstorableText(
  document: DocumentNode,
  variables: Record<string, unknown>,
): void {
  const bad = (value: unknown): boolean =>
    typeof value === 'string'
      ? !isStorable(value)
      : Array.isArray(value)
        ? value.some(bad)
        : value !== null && typeof value === 'object'
          ? Object.values(value).some(bad)
          : false;
  if (bad(variables) || literalsUnstorable(document)) {
    throw new ClientError(
      'BAD_USER_INPUT',
      'Text may not contain the NUL character (\\u0000) or unpaired UTF-16 surrogates.',
      {},
      400,
    );
  }
}
