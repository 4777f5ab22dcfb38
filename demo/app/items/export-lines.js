// DynamoDB's export format (DYNAMODB_JSON, as an export to S3 writes its data files and an
// import from S3 reads them): one item per line, {"Item": {...wire attributes...}}.

/** Items as export text, one line each (with a final newline). */
export function exportText(items) {
  let text = "";
  for (const item of items) text += `${JSON.stringify({ Item: item })}\n`;
  return text;
}

/**
 * Reads export text. Blank lines are skipped.
 * @returns {{ items: { line: number, item: object }[], errors: { line: number, message: string }[] }}
 */
export function parseExportText(text) {
  const items = [];
  const errors = [];
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    let record;
    try {
      record = JSON.parse(line);
    } catch (error) {
      errors.push({ line: i + 1, message: `not valid JSON (${error.message})` });
      return;
    }
    const item = record?.Item;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      errors.push({ line: i + 1, message: 'expected {"Item": {...}} with the item in DynamoDB JSON' });
      return;
    }
    items.push({ line: i + 1, item });
  });
  return { items, errors };
}

/** The text of a file, gunzipped when it is gzip (DynamoDB writes its export files as .json.gz). */
export async function readExportFile(file) {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const stream = file.stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }
  return file.text();
}
