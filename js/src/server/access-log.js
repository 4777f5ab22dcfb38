// Structured request logs: one JSON object per line, one line per request, written when the
// response is done (or the connection drops). Off unless asked for.

/**
 * A function that logs one entry, or null when logging is off.
 * @param {undefined | boolean | ((entry: object) => void) | { write(line: string): unknown }} option
 *   true for standard output, a function that receives each entry, or a writable stream
 */
export function createAccessLog(option) {
  if (option === undefined || option === null || option === false) return null;
  if (typeof option === "function") return option;
  const stream = option === true ? process.stdout : option;
  if (typeof stream?.write !== "function") {
    throw new TypeError("startServer: log must be true, a function or a writable stream");
  }
  return (entry) => stream.write(`${JSON.stringify(entry)}\n`);
}
