// The decimal-string facts the document layer needs without doing arithmetic: whether a DynamoDB
// number string survives conversion to a JS number, and its exact integer value as a bigint.

const NUMBER_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const SHORT_INTEGER = /^-?[1-9]\d{0,14}$/;

/**
 * A decimal string as sign, significant digits (no leading or trailing zeros) and exponent, so
 * that value = sign * digits * 10^exponent; digits is "" for zero. Null if `text` is not a decimal
 * number.
 */
export function parseDecimal(text) {
  const match = NUMBER_PATTERN.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = "", exponentText = "0"] = match;
  if (whole === "" && fraction === "") return null;
  let digits = whole + fraction;
  let exponent = Number(exponentText) - fraction.length;
  const start = digits.search(/[1-9]/);
  if (start < 0) return { negative: false, digits: "", exponent: 0 };
  digits = digits.slice(start);
  const trimmed = digits.replace(/0+$/, "");
  exponent += digits.length - trimmed.length;
  return { negative: sign === "-", digits: trimmed, exponent };
}

export function isDecimalString(text) {
  return typeof text === "string" && parseDecimal(text) !== null;
}

/**
 * The JS number for a DynamoDB number string when it converts exactly and safely: integers within
 * ±(2^53 - 1), other values with at most 15 significant digits (which a double always holds).
 * Otherwise undefined.
 */
export function safeNumber(text) {
  // Most numbers are small integers, and those of at most 15 digits are always exact: no parse.
  if (SHORT_INTEGER.test(text)) return Number(text);
  const parsed = parseDecimal(text);
  if (parsed === null) return undefined;
  if (parsed.digits === "") return 0;
  const value = Number(text);
  if (!Number.isFinite(value) || value === 0) return undefined;
  if (parsed.exponent >= 0) return Number.isSafeInteger(value) ? value : undefined;
  return parsed.digits.length <= 15 ? value : undefined;
}

/** The bigint for an integer-valued decimal string; throws RangeError for fractions. */
export function decimalToBigInt(text) {
  const parsed = parseDecimal(text);
  if (parsed === null) throw new SyntaxError(`Not a decimal number: ${text}`);
  if (parsed.digits === "") return 0n;
  if (parsed.exponent < 0) throw new RangeError(`${text} is not an integer`);
  const magnitude = BigInt(parsed.digits + "0".repeat(parsed.exponent));
  return parsed.negative ? -magnitude : magnitude;
}
