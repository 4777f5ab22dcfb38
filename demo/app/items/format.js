// How values, counts and sizes read in the console's tables.
import { plainTextFromItem } from "./plain-json.js";

const MAX_CELL = 120;

/**
 * One attribute value as a short line of text for a grid cell.
 * @returns {{ text: string, kind: string, full: string }} kind is the DynamoDB type, for styling
 */
export function cellText(value) {
  const [type] = Object.keys(value);
  const inner = value[type];
  let text;
  switch (type) {
    case "S":
    case "N":
    case "B":
      text = inner;
      break;
    case "BOOL":
      text = inner ? "true" : "false";
      break;
    case "NULL":
      text = "null";
      break;
    case "SS":
    case "BS":
      text = `[${inner.map((v) => JSON.stringify(v)).join(", ")}]`;
      break;
    case "NS":
      text = `[${inner.join(", ")}]`;
      break;
    default: // L, M
      text = oneLine(plainTextFromItem({ v: value }).text);
      text = text.slice(text.indexOf(":") + 2, -1).trim(); // drop the {"v": ...} wrapper
  }
  const full = text;
  if (text.length > MAX_CELL) text = `${text.slice(0, MAX_CELL - 1)}…`;
  return { text, kind: type, full };
}

function oneLine(text) {
  return text
    .replace(/\n\s*/g, " ")
    .replace(/\[ /g, "[")
    .replace(/ \]/g, "]")
    .replace(/\{ /g, "{")
    .replace(/ \}/g, "}");
}

const TYPE_NAMES = { S: "String", N: "Number", B: "Binary" };
/** "String" for "S", and so on, for key attribute types. */
export function typeName(type) {
  return TYPE_NAMES[type] ?? type;
}

/** 1234 -> "1,234". */
export function formatCount(n) {
  return Number(n ?? 0).toLocaleString("en-US");
}

/** "1 item", "1,234 items". */
export function plural(n, noun) {
  return `${formatCount(n)} ${Number(n) === 1 ? noun : `${noun}s`}`;
}

/** Bytes as DynamoDB's console shows them: "44 bytes", "1.2 KB", "3.4 MB". */
export function formatBytes(bytes) {
  const n = Number(bytes ?? 0);
  if (n < 1024) return `${n} ${n === 1 ? "byte" : "bytes"}`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Epoch seconds (as DescribeTable gives them) as a local date and time. */
export function formatTime(epochSeconds) {
  if (epochSeconds === undefined) return "—";
  return new Date(epochSeconds * 1000).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "medium" });
}
