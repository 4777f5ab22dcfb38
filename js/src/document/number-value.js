// A DynamoDB number that a JS number cannot hold exactly: DynamoDB numbers have up to 38
// significant digits, a double about 15-17. The document API returns one of these for such numbers
// and accepts them (and bigint) on input; the decimal string travels unchanged.
import { decimalToBigInt, isDecimalString } from "./decimal.js";

export class NumberValue {
  /** @param {string | number | bigint} value a decimal string, a finite number or a bigint */
  constructor(value) {
    if (typeof value === "bigint") {
      value = value.toString();
    } else if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new TypeError(`NumberValue: ${value} is not a finite number`);
      value = String(value);
    } else if (!isDecimalString(value)) {
      throw new TypeError(`NumberValue: ${JSON.stringify(value)} is not a decimal number string`);
    }
    /** The exact decimal string. */
    this.value = value;
    Object.freeze(this);
  }

  static from(value) {
    return value instanceof NumberValue ? value : new NumberValue(value);
  }

  toString() {
    return this.value;
  }

  toJSON() {
    return this.value;
  }

  /** The nearest JS number (may lose precision). */
  toNumber() {
    return Number(this.value);
  }

  /** The exact value as a bigint; throws RangeError if the number has a fractional part. */
  toBigInt() {
    return decimalToBigInt(this.value);
  }
}
