// What a DescribeTable answer says about keys and indexes, in the forms the views need.

/** { partition: {name, type}, sort?: {name, type} } for a KeySchema and its AttributeDefinitions. */
export function keysOf(keySchema, attributeDefinitions) {
  const typeOf = (name) => attributeDefinitions.find((d) => d.AttributeName === name)?.AttributeType ?? "S";
  const hash = keySchema.find((k) => k.KeyType === "HASH");
  const range = keySchema.find((k) => k.KeyType === "RANGE");
  return {
    partition: { name: hash.AttributeName, type: typeOf(hash.AttributeName) },
    sort: range ? { name: range.AttributeName, type: typeOf(range.AttributeName) } : undefined,
  };
}

/**
 * The table and each of its indexes as query targets:
 * [{ name: undefined | indexName, kind: "table"|"GSI"|"LSI", keys, projection }].
 */
export function queryTargets(table) {
  const defs = table.AttributeDefinitions;
  const targets = [{ name: undefined, kind: "table", keys: keysOf(table.KeySchema, defs) }];
  for (const index of table.GlobalSecondaryIndexes ?? []) {
    targets.push({ name: index.IndexName, kind: "GSI", keys: keysOf(index.KeySchema, defs), index });
  }
  for (const index of table.LocalSecondaryIndexes ?? []) {
    targets.push({ name: index.IndexName, kind: "LSI", keys: keysOf(index.KeySchema, defs), index });
  }
  return targets;
}

/** The primary key attributes of a wire item. */
export function primaryKeyOf(item, table) {
  const key = {};
  for (const { AttributeName } of table.KeySchema) {
    if (item[AttributeName] !== undefined) key[AttributeName] = item[AttributeName];
  }
  return key;
}

/** Same wire values (attribute order aside). */
export function sameValue(a, b) {
  return canonical(a) === canonical(b);
}

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
