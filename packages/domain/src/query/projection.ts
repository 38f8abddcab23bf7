import {
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  isAbstractType,
  isObjectType,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/**
 * Which columns of a record type an operation needs, worked out once per document: every field
 * the operation selects on the type, anywhere in it (through fragments and on interfaces it
 * implements), mapped to the columns its resolver reads. A field exposing a column reads that
 * column; a field that says so in `extensions.columns` reads those; any other field may read
 * anything, and then every column is needed. Rows read this way are shared through the
 * request's loaders with every other place the operation asks for the same type, which is why
 * the whole operation counts, not only one path.
 */

type FieldsByType = Map<string, Set<string>>;

const fieldsOfOperations = new WeakMap<OperationDefinitionNode, FieldsByType>();
const columnsOfOperations = new WeakMap<OperationDefinitionNode, Map<string, readonly string[]>>();

function fieldsByType(info: GraphQLResolveInfo): FieldsByType {
  const known = fieldsOfOperations.get(info.operation);
  if (known) return known;
  const fields: FieldsByType = new Map();
  const add = (typeName: string, field: string) => {
    const set = fields.get(typeName) ?? new Set<string>();
    set.add(field);
    fields.set(typeName, set);
  };
  const typeInfo = new TypeInfo(info.schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      if (!parent) return;
      const concrete = isAbstractType(parent) ? info.schema.getPossibleTypes(parent) : [parent];
      for (const type of concrete) add(type.name, node.name.value);
    },
  });
  visit(info.operation, visitor);
  for (const fragment of Object.values(info.fragments)) visit(fragment, visitor);
  fieldsOfOperations.set(info.operation, fields);
  return fields;
}

/**
 * The columns of `all` (a table's columns, in their order) the operation needs of records of
 * `typeName`: always the key, and what the selected fields read.
 */
export function columnsAsked(
  info: GraphQLResolveInfo,
  typeName: string,
  all: readonly string[],
): readonly string[] {
  let byType = columnsOfOperations.get(info.operation);
  if (!byType) {
    byType = new Map();
    columnsOfOperations.set(info.operation, byType);
  }
  const known = byType.get(typeName);
  if (known) return known;
  const columns = project(info, typeName, all);
  byType.set(typeName, columns);
  return columns;
}

function project(
  info: GraphQLResolveInfo,
  typeName: string,
  all: readonly string[],
): readonly string[] {
  const type = info.schema.getType(typeName);
  if (!type || !isObjectType(type)) return all;
  const fields = (type as GraphQLObjectType).getFields();
  const needed = new Set(['id']);
  for (const name of fieldsByType(info).get(typeName) ?? []) {
    if (name === '__typename' || name === 'id') continue;
    const extensions = fields[name]?.extensions as
      | { columns?: readonly string[]; pothosExposedField?: string }
      | undefined;
    const columns =
      extensions?.columns ??
      (extensions?.pothosExposedField ? [extensions.pothosExposedField] : undefined);
    if (!columns) return all;
    for (const column of columns) {
      if (!all.includes(column)) return all;
      needed.add(column);
    }
  }
  return all.filter((column) => needed.has(column));
}
