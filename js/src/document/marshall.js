// Plain JS values <-> DynamoDB wire JSON attribute values ({"S": ...}, {"N": "..."}, {"B": base64},
// ...). The wire form is what the engine reads and writes, so binary crosses as base64 strings here
// and numbers as decimal strings.
//
//   string -> S            number, bigint, NumberValue -> N      boolean -> BOOL
//   null -> NULL           Uint8Array, ArrayBuffer, views -> B   Array -> L
//   Set of strings -> SS   Set of numbers -> NS                  Set of binaries -> BS
//   plain object, Map -> M
//
// On the way back, N becomes a JS number when that is exact (see safeNumber), else a NumberValue;
// B becomes a Uint8Array; SS/NS/BS become Sets; M a plain object.
import { decodeBase64, encodeBase64 } from "./base64.js";
import { safeNumber } from "./decimal.js";
import { NumberValue } from "./number-value.js";

/**
 * @typedef {object} MarshallOptions
 * @property {boolean} [removeUndefinedValues] drop undefined object properties and list/set
 *   members instead of throwing
 * @property {boolean} [convertClassInstanceToMap] marshall class instances by their own enumerable
 *   properties instead of throwing
 * @property {boolean} [allowImpreciseNumbers] accept JS integers beyond Number.MAX_SAFE_INTEGER
 *
 * @typedef {object} UnmarshallOptions
 * @property {boolean} [wrapNumbers] return every number as a NumberValue
 */

/** A JS object (or Map) -> a wire item: attribute name -> attribute value. */
export function marshall(item, options = {}) {
  if (!isMapLike(item, options)) {
    throw new TypeError(`marshall: expected an object of attributes, got ${describe(item)}`);
  }
  return marshallMap(item, options, []);
}

/** One JS value -> one wire attribute value. */
export function marshallValue(value, options = {}) {
  if (value === undefined) throw new TypeError("marshall: undefined is not a DynamoDB value");
  return toAttribute(value, options, []);
}

/** A wire item -> a JS object. */
export function unmarshall(item, options = {}) {
  if (item === null || typeof item !== "object" || Array.isArray(item)) {
    throw new TypeError(`unmarshall: expected an object of attribute values, got ${describe(item)}`);
  }
  return fromMap(item, options);
}

/** One wire attribute value -> one JS value. */
export function unmarshallValue(attribute, options = {}) {
  if (attribute === null || typeof attribute !== "object") {
    throw new TypeError(`unmarshall: expected an attribute value, got ${describe(attribute)}`);
  }
  const type = soleKey(attribute) ?? checkedSoleKey(attribute);
  const v = attribute[type];
  switch (type) {
    case "S":
    case "BOOL":
      return v;
    case "NULL":
      return null;
    case "N":
      return toNumber(v, options);
    case "B":
      return decodeBase64(v);
    case "M":
      return fromMap(v, options);
    case "L":
      return v.map((element) => unmarshallValue(element, options));
    case "SS":
      return new Set(v);
    case "NS":
      return new Set(v.map((n) => toNumber(n, options)));
    case "BS":
      return new Set(v.map(decodeBase64));
    default:
      throw new TypeError(`unmarshall: unknown attribute value type ${JSON.stringify(type)}`);
  }
}

// The one own key of an attribute value, found without allocating (unmarshall runs once per
// value of every item read, so Object.keys' array per value shows in profiles); undefined when
// there is not exactly one, or an inherited key interferes: checkedSoleKey then decides.
function soleKey(attribute) {
  let type;
  for (const key in attribute) {
    if (type !== undefined || !Object.hasOwn(attribute, key)) return undefined;
    type = key;
  }
  return type;
}

function checkedSoleKey(attribute) {
  const keys = Object.keys(attribute);
  if (keys.length !== 1) {
    throw new TypeError(`unmarshall: an attribute value has exactly one type key, got ${JSON.stringify(keys)}`);
  }
  return keys[0];
}

function toNumber(text, options) {
  if (!options.wrapNumbers) {
    const number = safeNumber(text);
    if (number !== undefined) return number;
  }
  return new NumberValue(text);
}

function fromMap(wireMap, options) {
  const result = {};
  for (const name of Object.keys(wireMap)) setOwn(result, name, unmarshallValue(wireMap[name], options));
  return result;
}

// `result[name] = value` would set the prototype for "__proto__", a legal attribute name.
export function setOwn(target, name, value) {
  if (name === "__proto__") {
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[name] = value;
  }
}

function toAttribute(value, options, ancestors) {
  switch (typeof value) {
    case "string":
      return { S: value };
    case "boolean":
      return { BOOL: value };
    case "number":
    case "bigint":
      return { N: numberText(value, options) };
    case "object":
      break;
    default:
      throw new TypeError(`marshall: ${describe(value)} is not a DynamoDB value`);
  }
  if (value === null) return { NULL: true };
  if (isNumberValue(value)) return { N: value.value };
  const bytes = asBytes(value);
  if (bytes) return { B: encodeBase64(bytes) };
  if (ancestors.includes(value)) throw new TypeError("marshall: the value contains a cycle");
  ancestors.push(value);
  try {
    if (Array.isArray(value)) return { L: marshallList(value, options, ancestors) };
    if (value instanceof Set) return marshallSet(value, options);
    if (isMapLike(value, options)) return { M: marshallMap(value, options, ancestors) };
  } finally {
    ancestors.pop();
  }
  throw new TypeError(
    `marshall: cannot marshall an instance of ${value.constructor?.name ?? "an unknown class"}` +
      " (pass convertClassInstanceToMap: true to marshall its own properties)",
  );
}

function marshallList(list, options, ancestors) {
  const out = [];
  for (const element of list) {
    if (element === undefined) {
      if (options.removeUndefinedValues) continue;
      throw new TypeError("marshall: undefined in a list (pass removeUndefinedValues: true to drop it)");
    }
    out.push(toAttribute(element, options, ancestors));
  }
  return out;
}

function marshallMap(source, options, ancestors) {
  const out = {};
  const entries = source instanceof Map ? source.entries() : Object.entries(source);
  for (const [name, value] of entries) {
    if (typeof name !== "string") throw new TypeError(`marshall: Map keys must be strings, got ${describe(name)}`);
    if (value === undefined) {
      if (options.removeUndefinedValues) continue;
      throw new TypeError(
        `marshall: attribute ${JSON.stringify(name)} is undefined (pass removeUndefinedValues: true to drop it)`,
      );
    }
    setOwn(out, name, toAttribute(value, options, ancestors));
  }
  return out;
}

function marshallSet(set, options) {
  const members = [...set].filter((m) => !(m === undefined && options.removeUndefinedValues));
  if (members.length === 0) {
    throw new TypeError("marshall: DynamoDB sets cannot be empty (omit the attribute instead)");
  }
  const first = members[0];
  if (members.every((m) => typeof m === "string")) return { SS: members };
  if (members.every((m) => typeof m === "number" || typeof m === "bigint" || isNumberValue(m))) {
    return { NS: members.map((m) => (isNumberValue(m) ? m.value : numberText(m, options))) };
  }
  if (members.every((m) => asBytes(m) !== null)) return { BS: members.map((m) => encodeBase64(asBytes(m))) };
  throw new TypeError(
    `marshall: a Set must hold only strings, only numbers or only binary values (first member: ${describe(first)})`,
  );
}

function numberText(number, options) {
  if (typeof number === "bigint") return number.toString();
  if (!Number.isFinite(number)) throw new TypeError(`marshall: ${number} is not a DynamoDB number`);
  if (Number.isInteger(number) && !Number.isSafeInteger(number) && !options.allowImpreciseNumbers) {
    throw new RangeError(
      `marshall: ${number} is beyond Number.MAX_SAFE_INTEGER and may not be what you meant; ` +
        "use a bigint or a NumberValue (or pass allowImpreciseNumbers: true)",
    );
  }
  return String(number);
}

// A NumberValue of this package or of @aws-sdk/lib-dynamodb (same shape: a decimal string `value`).
function isNumberValue(value) {
  return (
    value instanceof NumberValue ||
    (value !== null && typeof value === "object" && value.constructor?.name === "NumberValue" && typeof value.value === "string")
  );
}

function asBytes(value) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}

function isMapLike(value, options) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  if (value instanceof Map) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || Boolean(options.convertClassInstanceToMap);
}

function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return `an instance of ${value.constructor?.name ?? "Object"}`;
  if (typeof value === "string") return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}
