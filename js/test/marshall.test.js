import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeBase64, encodeBase64 } from "../src/document/base64.js";
import { decimalToBigInt, parseDecimal, safeNumber } from "../src/document/decimal.js";
import { marshall, marshallValue, unmarshall, unmarshallValue } from "../src/document/marshall.js";
import { NumberValue } from "../src/document/number-value.js";

describe("marshall", () => {
  test("scalars map to S, N, BOOL and NULL", () => {
    assert.deepEqual(marshall({ s: "hi", n: 42, f: -1.5, t: true, z: null }), {
      s: { S: "hi" },
      n: { N: "42" },
      f: { N: "-1.5" },
      t: { BOOL: true },
      z: { NULL: true },
    });
  });

  test("bigint and NumberValue keep every digit", () => {
    assert.deepEqual(marshallValue(123456789012345678901234567890n), { N: "123456789012345678901234567890" });
    assert.deepEqual(marshallValue(new NumberValue("0.12345678901234567890123456789")), {
      N: "0.12345678901234567890123456789",
    });
  });

  test("a NumberValue-shaped object from @aws-sdk/lib-dynamodb is accepted", () => {
    class NumberValue {
      constructor(value) {
        this.value = value;
      }
    }
    assert.deepEqual(marshallValue(new NumberValue("9007199254740993")), { N: "9007199254740993" });
  });

  test("binary values become base64 B, from any byte view", () => {
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
    assert.deepEqual(marshallValue(bytes), { B: "AAEC/f7/" });
    assert.deepEqual(marshallValue(bytes.buffer), { B: "AAEC/f7/" });
    assert.deepEqual(marshallValue(new DataView(bytes.buffer, 1, 2)), { B: "AQI=" });
    assert.deepEqual(marshallValue(new Uint16Array([0x0102])), { B: "AgE=" });
  });

  test("arrays, objects and Maps nest as L and M", () => {
    const value = { list: [1, "a", [true], { deep: null }], map: new Map([["k", "v"]]) };
    assert.deepEqual(marshall(value), {
      list: { L: [{ N: "1" }, { S: "a" }, { L: [{ BOOL: true }] }, { M: { deep: { NULL: true } } }] },
      map: { M: { k: { S: "v" } } },
    });
  });

  test("Sets become SS, NS or BS by member type", () => {
    assert.deepEqual(marshallValue(new Set(["a", "b"])), { SS: ["a", "b"] });
    assert.deepEqual(marshallValue(new Set([1, 2n, new NumberValue("3.5")])), { NS: ["1", "2", "3.5"] });
    assert.deepEqual(marshallValue(new Set([new Uint8Array([1]), new Uint8Array([2])])), { BS: ["AQ==", "Ag=="] });
  });

  test("empty and mixed Sets are rejected", () => {
    assert.throws(() => marshallValue(new Set()), /sets cannot be empty/);
    assert.throws(() => marshallValue(new Set(["a", 1])), /only strings, only numbers or only binary/);
  });

  test("undefined is rejected unless removeUndefinedValues", () => {
    assert.throws(() => marshall({ a: undefined }), /attribute "a" is undefined/);
    assert.throws(() => marshall({ a: [1, undefined] }), /undefined in a list/);
    assert.deepEqual(marshall({ a: undefined, b: [1, undefined, 2] }, { removeUndefinedValues: true }), {
      b: { L: [{ N: "1" }, { N: "2" }] },
    });
  });

  test("class instances are rejected unless convertClassInstanceToMap", () => {
    class Point {
      constructor() {
        this.x = 1;
      }
    }
    assert.throws(() => marshall({ p: new Point() }), /instance of Point/);
    assert.deepEqual(marshall({ p: new Point() }, { convertClassInstanceToMap: true }), { p: { M: { x: { N: "1" } } } });
  });

  test("non-finite and imprecise numbers are rejected", () => {
    assert.throws(() => marshallValue(NaN), /not a DynamoDB number/);
    assert.throws(() => marshallValue(Infinity), /not a DynamoDB number/);
    assert.throws(() => marshallValue(2 ** 60), /MAX_SAFE_INTEGER/);
    assert.deepEqual(marshallValue(2 ** 60, { allowImpreciseNumbers: true }), { N: "1152921504606847000" });
  });

  test("functions, symbols and cycles are rejected", () => {
    assert.throws(() => marshall({ f() {} }), /not a DynamoDB value/);
    assert.throws(() => marshall({ s: Symbol("x") }), /not a DynamoDB value/);
    const cyclic = { a: {} };
    cyclic.a.back = cyclic;
    assert.throws(() => marshall(cyclic), /cycle/);
  });

  test("a shared (non-cyclic) object may appear twice", () => {
    const shared = { x: 1 };
    assert.deepEqual(marshall({ a: shared, b: [shared] }), {
      a: { M: { x: { N: "1" } } },
      b: { L: [{ M: { x: { N: "1" } } }] },
    });
  });

  test("marshall needs an object at the top", () => {
    assert.throws(() => marshall("x"), /expected an object of attributes/);
    assert.throws(() => marshall([1]), /expected an object of attributes/);
  });

  test("an attribute named __proto__ stays an attribute", () => {
    const item = JSON.parse('{"__proto__": "p", "a": 1}');
    const wire = marshall(item);
    assert.deepEqual(Object.keys(wire), ["__proto__", "a"]);
    const back = unmarshall(wire);
    assert.equal(Object.getPrototypeOf(back), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(back, "__proto__").value, "p");
  });
});

describe("unmarshall", () => {
  test("every type comes back", () => {
    const wire = {
      s: { S: "x" },
      n: { N: "12.5" },
      b: { B: "AAEC" },
      t: { BOOL: false },
      z: { NULL: true },
      l: { L: [{ S: "a" }, { N: "1" }] },
      m: { M: { inner: { SS: ["p", "q"] } } },
      ns: { NS: ["1", "2"] },
      bs: { BS: ["AQ=="] },
    };
    assert.deepEqual(unmarshall(wire), {
      s: "x",
      n: 12.5,
      b: new Uint8Array([0, 1, 2]),
      t: false,
      z: null,
      l: ["a", 1],
      m: { inner: new Set(["p", "q"]) },
      ns: new Set([1, 2]),
      bs: new Set([new Uint8Array([1])]),
    });
  });

  test("binary comes back as a plain Uint8Array", () => {
    const value = unmarshallValue({ B: "AAEC" });
    assert.equal(Object.getPrototypeOf(value), Uint8Array.prototype);
  });

  test("safe integers and short decimals become JS numbers", () => {
    assert.equal(unmarshallValue({ N: "9007199254740991" }), 9007199254740991);
    assert.equal(unmarshallValue({ N: "-9007199254740991" }), -9007199254740991);
    assert.equal(unmarshallValue({ N: "0.123456789012345" }), 0.123456789012345);
    assert.equal(unmarshallValue({ N: "1E+2" }), 100);
    assert.equal(unmarshallValue({ N: "0" }), 0);
    assert.equal(unmarshallValue({ N: "-0.0" }), 0);
  });

  test("unsafe integers become NumberValue with the exact digits", () => {
    const big = unmarshallValue({ N: "9007199254740993" });
    assert.ok(big instanceof NumberValue);
    assert.equal(big.value, "9007199254740993");
    assert.equal(big.toBigInt(), 9007199254740993n);
    assert.ok(unmarshallValue({ N: "9007199254740992" }) instanceof NumberValue);
    assert.ok(unmarshallValue({ N: "1E+30" }) instanceof NumberValue);
  });

  test("decimals of more than 15 significant digits become NumberValue", () => {
    const value = unmarshallValue({ N: "0.1234567890123456" });
    assert.ok(value instanceof NumberValue);
    assert.equal(value.value, "0.1234567890123456");
    const set = unmarshallValue({ NS: ["1", "3.14159265358979323846"] });
    assert.deepEqual([...set], [1, new NumberValue("3.14159265358979323846")]);
  });

  test("wrapNumbers returns every number as NumberValue", () => {
    assert.deepEqual(unmarshall({ n: { N: "1" } }, { wrapNumbers: true }), { n: new NumberValue("1") });
  });

  test("malformed attribute values are rejected", () => {
    assert.throws(() => unmarshallValue({ S: "a", N: "1" }), /exactly one type key/);
    assert.throws(() => unmarshallValue({ X: 1 }), /unknown attribute value type/);
    // Only own keys count: an inherited enumerable key neither adds a type nor hides the real one.
    const inherits = Object.create({ N: "1" }, { S: { value: "a", enumerable: true } });
    assert.equal(unmarshallValue(inherits), "a");
    assert.throws(() => unmarshallValue(Object.create({ S: "a" })), /exactly one type key, got \[\]/);
    assert.throws(() => unmarshallValue({ B: "not base64!" }), /Invalid base64/);
    assert.throws(() => unmarshall([]), /expected an object of attribute values/);
  });
});

describe("round trips", () => {
  const item = {
    id: "user#1",
    age: 42,
    balance: new NumberValue("12345678901234567890.123456789"),
    ratio: 0.25,
    flags: new Set(["a", "b"]),
    scores: new Set([1, 2, 3]),
    blobs: new Set([new Uint8Array([1, 2]), new Uint8Array([])]),
    photo: new Uint8Array(300).map((_, i) => i % 256),
    nested: { list: [null, true, { deeper: ["x", new Set([new NumberValue("99999999999999999999")])] }] },
    empty: {},
    emptyList: [],
    emptyString: "",
  };

  test("marshall then unmarshall gives the item back", () => {
    assert.deepEqual(unmarshall(marshall(item)), item);
  });

  test("the wire form survives JSON", () => {
    assert.deepEqual(unmarshall(JSON.parse(JSON.stringify(marshall(item)))), item);
  });

  test("bigint comes back as a number when safe, else as NumberValue", () => {
    assert.deepEqual(unmarshall(marshall({ small: 5n, large: 2n ** 64n })), {
      small: 5,
      large: new NumberValue("18446744073709551616"),
    });
  });
});

describe("NumberValue", () => {
  test("holds the exact string and converts on request", () => {
    const n = new NumberValue("-123.4500");
    assert.equal(n.value, "-123.4500");
    assert.equal(String(n), "-123.4500");
    assert.equal(JSON.stringify({ n }), '{"n":"-123.4500"}');
    assert.equal(n.toNumber(), -123.45);
    assert.throws(() => n.toBigInt(), RangeError);
    assert.equal(new NumberValue("1.5E3").toBigInt(), 1500n);
  });

  test("accepts numbers and bigints, rejects anything else", () => {
    assert.equal(new NumberValue(10n ** 40n).value, "1" + "0".repeat(40));
    assert.equal(new NumberValue(0.5).value, "0.5");
    assert.equal(NumberValue.from("7").value, "7");
    const n = new NumberValue("1");
    assert.equal(NumberValue.from(n), n);
    for (const bad of ["", "abc", "1e", "--1", " 1", NaN, Infinity, null, {}]) {
      assert.throws(() => new NumberValue(bad), TypeError, String(bad));
    }
  });

  test("is immutable", () => {
    const n = new NumberValue("1");
    assert.throws(() => {
      "use strict";
      n.value = "2";
    }, TypeError);
  });
});

describe("decimal helpers", () => {
  test("parseDecimal normalises digits and exponent", () => {
    assert.deepEqual(parseDecimal("-012.340e1"), { negative: true, digits: "1234", exponent: -1 });
    assert.deepEqual(parseDecimal("1000"), { negative: false, digits: "1", exponent: 3 });
    assert.deepEqual(parseDecimal(".5"), { negative: false, digits: "5", exponent: -1 });
    assert.deepEqual(parseDecimal("-0.000"), { negative: false, digits: "", exponent: 0 });
    assert.equal(parseDecimal("."), null);
    assert.equal(parseDecimal("1.2.3"), null);
  });

  test("safeNumber draws the line at exactness", () => {
    assert.equal(safeNumber("123456789012345"), 123456789012345);
    assert.equal(safeNumber("1.23456789012345"), 1.23456789012345);
    assert.equal(safeNumber("1.234567890123456"), undefined);
    assert.equal(safeNumber("1E-130"), 1e-130);
    assert.equal(safeNumber("9.9999999999999E+125"), undefined); // integer-valued, beyond 2^53
  });

  test("safeNumber's short-integer shortcut agrees with the full parse at its edges", () => {
    assert.equal(safeNumber("999999999999999"), 999999999999999); // 15 digits: the shortcut
    assert.equal(safeNumber("-999999999999999"), -999999999999999);
    assert.equal(safeNumber("9007199254740991"), 9007199254740991); // 16 digits: parsed, still safe
    assert.equal(safeNumber("9007199254740993"), undefined);
    assert.equal(safeNumber("-9007199254740993"), undefined);
    assert.equal(safeNumber("0"), 0);
    assert.equal(safeNumber("-0"), 0);
    assert.equal(safeNumber("007"), 7);
    assert.equal(safeNumber("1x"), undefined);
  });

  test("decimalToBigInt", () => {
    assert.equal(decimalToBigInt("-42"), -42n);
    assert.equal(decimalToBigInt("4.2E1"), 42n);
    assert.throws(() => decimalToBigInt("4.25E1"), RangeError);
  });
});

describe("base64", () => {
  test("encodes and decodes every length and byte", () => {
    const all = new Uint8Array(256).map((_, i) => i);
    for (let length = 0; length <= 256; length += 1) {
      const bytes = all.subarray(0, length);
      const text = encodeBase64(bytes);
      assert.equal(text, Buffer.from(bytes).toString("base64"));
      assert.deepEqual(decodeBase64(text), new Uint8Array(bytes));
    }
  });

  test("rejects malformed input", () => {
    for (const bad of ["A", "AB=C", "A*==", "AAAA=", "é==="]) {
      assert.throws(() => decodeBase64(bad), /Invalid base64/, bad);
    }
  });
});
