// Who may sync what through a hub: each token names a peer (or a group of peers) and the tables
// it may read (receive) and write (send). "*" means every table.
//   { "token-a": { "name": "laptop", "read": "*", "write": ["Notes"] } }
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * @param {{ token?: string,
 *   tokens?: Record<string, { name?: string, read?: string | string[], write?: string | string[] }> }} options
 * @returns {(token: string) => { name: string, read: string[] | null, write: string[] | null } | null}
 */
export function tokenChecker({ token, tokens }) {
  const grants = [];
  if (token !== undefined) grants.push([token, { name: "peer", read: "*", write: "*" }]);
  for (const [t, grant] of Object.entries(tokens ?? {})) grants.push([t, grant]);
  if (grants.length === 0) throw new TypeError("ShoalDB hub: give a token (or tokens with permissions)");
  const entries = grants.map(([t, grant]) => {
    if (typeof t !== "string" || t.length === 0) throw new TypeError("ShoalDB hub: tokens must be non-empty strings");
    return {
      digest: digest(t),
      name: grant.name ?? "peer",
      read: tableList(grant.read, "read"),
      write: tableList(grant.write, "write"),
    };
  });
  return (presented) => {
    if (typeof presented !== "string") return null;
    const d = digest(presented);
    let found = null;
    // Compare with every grant, in constant time each, so timing tells nothing about tokens.
    for (const entry of entries) if (timingSafeEqual(d, entry.digest) && found === null) found = entry;
    return found === null ? null : { name: found.name, read: found.read, write: found.write };
  };
}

function digest(text) {
  return createHash("sha256").update(text, "utf8").digest();
}

// null: every table (the engine's "no filter"); an array: those tables.
function tableList(value, what) {
  if (value === undefined || value === "*") return value === undefined ? [] : null;
  if (Array.isArray(value) && value.every((t) => typeof t === "string")) return value.includes("*") ? null : [...value];
  throw new TypeError(`ShoalDB hub: a token's ${what} must be "*" or an array of table names`);
}
