// Request ids shaped like DynamoDB's: 52 characters from [A-Z0-9].

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

export function newRequestId() {
  const bytes = new Uint8Array(52);
  globalThis.crypto.getRandomValues(bytes);
  let id = "";
  // 256 % 36 != 0, so the first few letters are very slightly more likely; ids need only be unique.
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}
