// An item as DynamoDB JSON text that reads well: one attribute per line with its type and value
// together ("Year": {"N": "1971"}), maps and lists opened up one level per line.

export function dynamoJsonText(item) {
  return printMap(item, "");
}

function printMap(attributes, indent) {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return "{}";
  const step = `${indent}  `;
  const lines = entries.map(([name, value]) => `${step}${JSON.stringify(name)}: ${printValue(value, step)}`);
  return `{\n${lines.join(",\n")}\n${indent}}`;
}

function printValue(value, indent) {
  const [type] = Object.keys(value);
  const inner = value[type];
  if (type === "M" && Object.keys(inner).length > 0) return `{"M": ${printMap(inner, indent)}}`;
  if (type === "L" && inner.length > 0) {
    const step = `${indent}  `;
    return `{"L": [\n${inner.map((v) => `${step}${printValue(v, step)}`).join(",\n")}\n${indent}]}`;
  }
  // Scalars, sets, and empty maps and lists fit on one line.
  const text = Array.isArray(inner) ? `[${inner.map((v) => JSON.stringify(v)).join(", ")}]` : JSON.stringify(inner);
  return `{${JSON.stringify(type)}: ${text}}`;
}
