// DynamoDB's own export format, DYNAMODB_JSON: the data files of an export to S3 (and what an
// import from S3 reads) hold one item per line, `{"Item":{...}}`, the item in DynamoDB JSON (the
// wire format: {"S": ...}, {"N": "..."}, {"B": base64}, sets, maps and lists). Numbers stay
// decimal strings from end to end, so nothing is rounded.

/** The export line of one item (wire JSON), with its newline. */
export function itemLine(item) {
  return `${JSON.stringify({ Item: item })}\n`;
}

/** A line that is not `{"Item": {...}}`; `line` is its 1-based number. */
export class ImportLineError extends Error {
  constructor(line, message, options) {
    super(`line ${line}: ${message}`, options);
    this.name = "ImportLineError";
    this.line = line;
  }
}

/** The item of one line (without its newline). */
export function parseItemLine(text, line) {
  let record;
  try {
    record = JSON.parse(text);
  } catch (error) {
    throw new ImportLineError(line, `not valid JSON (${error.message})`);
  }
  const item = record?.Item;
  if (item === null || typeof item !== "object" || Array.isArray(item)) {
    throw new ImportLineError(line, 'expected {"Item": {...}} with the item in DynamoDB JSON');
  }
  return item;
}

/**
 * The lines of `source`, without their line ends: a string or bytes (the whole text), or an
 * iterable or async iterable of chunks (strings or bytes: a Node stream, a fetch body, the lines
 * exportTable yields). Bytes are UTF-8; a chunk may end in the middle of a line or a character.
 * @param {string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>} source
 * @returns {AsyncGenerator<string>}
 */
export async function* splitLines(source) {
  if (typeof source === "string" || source instanceof Uint8Array) source = [source];
  const iterable = (s) => typeof s?.[Symbol.asyncIterator] === "function" || typeof s?.[Symbol.iterator] === "function";
  if (!iterable(source)) {
    throw new TypeError("importTable: the source must be a string, bytes, or an iterable of chunks");
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending = "";
  for await (const chunk of source) {
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let end = pending.indexOf("\n");
    if (end < 0) continue;
    let start = 0;
    while (end >= 0) {
      yield stripCarriageReturn(pending.slice(start, end));
      start = end + 1;
      end = pending.indexOf("\n", start);
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending !== "") yield stripCarriageReturn(pending);
}

function stripCarriageReturn(line) {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
