// Items as plain JSON ({"id": "a", "n": 1}) and back to DynamoDB's wire form ({"id": {"S": "a"},
// "n": {"N": "1"}}), without losing a digit: numbers travel as their decimal text both ways
// (JSON.parse would round 12345678901234567890.5 to a double). Plain JSON has no sets and no
// binary, so an item holding them is shown with lists and base64 strings and reported as lossy.

/**
 * A wire item as plain JSON text.
 * @returns {{ text: string, lossy: string[] }} `lossy` names the attributes plain JSON cannot
 *   round-trip (sets, binary), e.g. ["tags (SS)"]
 */
export function plainTextFromItem(item) {
  const lossy = [];
  const text = printValue({ M: item }, "", "", lossy);
  return { text, lossy };
}

function printValue(value, indent, path, lossy) {
  const [type] = Object.keys(value);
  const inner = value[type];
  const step = `${indent}  `;
  switch (type) {
    case "S":
      return JSON.stringify(inner);
    case "N":
      return inner;
    case "BOOL":
      return inner ? "true" : "false";
    case "NULL":
      return "null";
    case "B":
      lossy.push(`${path} (B)`);
      return JSON.stringify(inner);
    case "SS":
    case "BS":
      lossy.push(`${path} (${type})`);
      return printList(inner.map((v) => JSON.stringify(v)), indent);
    case "NS":
      lossy.push(`${path} (NS)`);
      return printList(inner, indent);
    case "L":
      return printList(
        inner.map((v, i) => printValue(v, step, `${path}[${i}]`, lossy)),
        indent,
      );
    case "M": {
      const entries = Object.entries(inner);
      if (entries.length === 0) return "{}";
      const lines = entries.map(
        ([name, v]) => `${step}${JSON.stringify(name)}: ${printValue(v, step, joinPath(path, name), lossy)}`,
      );
      return `{\n${lines.join(",\n")}\n${indent}}`;
    }
    default:
      throw new Error(`Unknown attribute type ${JSON.stringify(type)}`);
  }
}

function printList(parts, indent) {
  if (parts.length === 0) return "[]";
  return `[\n${parts.map((p) => `${indent}  ${p}`).join(",\n")}\n${indent}]`;
}

function joinPath(path, name) {
  const part = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : JSON.stringify(name);
  return path === "" ? part : `${path}.${part}`;
}

/** A JSON syntax error with the line and column where it was found. */
export class JsonSyntaxError extends Error {
  constructor(message, line, column) {
    super(`${message} at line ${line}, column ${column}`);
    this.name = "JsonSyntaxError";
    this.line = line;
    this.column = column;
  }
}

/**
 * Plain JSON text as a wire item: string -> S, number -> N (its exact text), true/false -> BOOL,
 * null -> NULL, array -> L, object -> M. The text must be one JSON object.
 */
export function itemFromPlainText(text) {
  const parser = new Parser(text);
  parser.space();
  if (text[parser.pos] !== "{") parser.fail("An item must be a JSON object, such as {\"id\": \"a\"}; found");
  const value = parser.value();
  parser.space();
  if (parser.pos < text.length) parser.fail("Unexpected text after the item:");
  return value.M;
}

const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Parser {
  constructor(text) {
    this.text = text;
    this.pos = 0;
  }

  fail(message, { showFound = true } = {}) {
    const before = this.text.slice(0, this.pos);
    const line = before.split("\n").length;
    const column = this.pos - before.lastIndexOf("\n");
    const found = this.pos < this.text.length ? ` ${JSON.stringify(this.text[this.pos])}` : " the end of the text";
    throw new JsonSyntaxError(showFound ? `${message}${found}` : message, line, column);
  }

  space() {
    while (this.pos < this.text.length && " \t\n\r".includes(this.text[this.pos])) this.pos++;
  }

  value() {
    this.space();
    const c = this.text[this.pos];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return { S: this.string() };
    if (c === "-" || (c >= "0" && c <= "9")) return { N: this.number() };
    for (const [word, value] of [["true", { BOOL: true }], ["false", { BOOL: false }], ["null", { NULL: true }]]) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail("Expected a value but found");
  }

  object() {
    this.pos++; // {
    const members = {};
    this.space();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return { M: members };
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') this.fail("Expected an attribute name in double quotes but found");
      const name = this.string();
      if (Object.hasOwn(members, name)) {
        this.pos -= JSON.stringify(name).length;
        this.fail(`The attribute name ${JSON.stringify(name)} appears twice`, { showFound: false });
      }
      this.space();
      if (this.text[this.pos] !== ":") this.fail("Expected ':' after the name but found");
      this.pos++;
      members[name] = this.value();
      this.space();
      const c = this.text[this.pos];
      this.pos++;
      if (c === "}") return { M: members };
      if (c !== ",") {
        this.pos--;
        this.fail("Expected ',' or '}' but found");
      }
    }
  }

  array() {
    this.pos++; // [
    const items = [];
    this.space();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return { L: items };
    }
    for (;;) {
      items.push(this.value());
      this.space();
      const c = this.text[this.pos];
      this.pos++;
      if (c === "]") return { L: items };
      if (c !== ",") {
        this.pos--;
        this.fail("Expected ',' or ']' but found");
      }
    }
  }

  string() {
    const match = this.sticky(STRING);
    if (match === null) this.fail("Unterminated string, or a control character or bad escape in it, starting with");
    return JSON.parse(match);
  }

  number() {
    const match = this.sticky(NUMBER);
    if (match === null) this.fail("Invalid number starting with");
    return match;
  }

  // The match of a sticky pattern at the current position (advancing past it), or null.
  sticky(pattern) {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (match === null) return null;
    this.pos += match[0].length;
    return match[0];
  }
}
