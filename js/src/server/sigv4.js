// AWS Signature Version 4, the verifier's half: the canonical form of a request as it arrived, and the
// signature its sender must have computed over it. The steps are AWS's published algorithm
// (canonical request -> string to sign -> HMAC-SHA256 with a key derived from the secret, the date,
// the region and the service); each function below is one of them, so a test can compare it step
// by step with the AWS SDK's signer.
import { createHash, createHmac } from "node:crypto";

export const ALGORITHM = "AWS4-HMAC-SHA256";
export const SCOPE_TERMINATOR = "aws4_request";

export function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}

// RFC 3986 percent-encoding of everything but the unreserved characters (and "/" in paths).
function uriEscape(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeOrRaw(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray "%": signers encode the text as they sent it
  }
}

/**
 * The canonical URI of a path as received on the wire (still percent-encoded): dot segments and
 * empty segments removed, then encoded once more. Every service but S3 signs the path encoded
 * twice, so the "%" of an encoded character is itself encoded.
 */
export function canonicalPath(rawPath) {
  const segments = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const leading = rawPath.startsWith("/") ? "/" : "";
  const trailing = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  return uriEscape(`${leading}${segments.join("/")}${trailing}`).replace(/%2F/g, "/");
}

/** The canonical query string: every parameter decoded, re-encoded, sorted by name then value. */
export function canonicalQuery(rawQuery) {
  if (!rawQuery) return "";
  const pairs = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? "" : part.slice(eq + 1);
    pairs.push([uriEscape(decodeOrRaw(name)), uriEscape(decodeOrRaw(value))]);
  }
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join("&");
}

/**
 * Header values by lower-case name, every occurrence kept in order (Node's `req.headers` joins
 * repeated headers with ", ", but the canonical form joins them with ",").
 * @param {string[]} rawHeaders Node's `req.rawHeaders`: name, value, name, value, ...
 */
export function headerValues(rawHeaders) {
  const values = new Map();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const list = values.get(name);
    if (list) list.push(rawHeaders[i + 1]);
    else values.set(name, [rawHeaders[i + 1]]);
  }
  return values;
}

function canonicalHeaderValue(values) {
  return values.map((value) => value.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").trim()).join(",");
}

/**
 * The canonical request.
 * @param {{ method: string, rawPath: string, rawQuery: string, headers: Map<string, string[]>,
 *   signedHeaders: string[], payloadHash: string }} request signedHeaders lower-case and sorted
 */
export function canonicalRequest({ method, rawPath, rawQuery, headers, signedHeaders, payloadHash }) {
  const lines = signedHeaders.map((name) => `${name}:${canonicalHeaderValue(headers.get(name) ?? [])}\n`);
  return [
    method,
    canonicalPath(rawPath),
    canonicalQuery(rawQuery),
    lines.join(""),
    signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
}

/** "YYYYMMDD/region/service/aws4_request" */
export function credentialScope(shortDate, region, service) {
  return `${shortDate}/${region}/${service}/${SCOPE_TERMINATOR}`;
}

export function stringToSign(amzDate, scope, canonical) {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}

// Deriving a signing key is four HMACs; a server sees the same few keys all day.
const keyCache = new Map();
const KEY_CACHE_LIMIT = 64;

/** The key derived from a secret for one day, region and service. */
export function signingKey(secretAccessKey, shortDate, region, service) {
  const cacheKey = `${shortDate}\n${region}\n${service}\n${secretAccessKey}`;
  let key = keyCache.get(cacheKey);
  if (key) return key;
  key = hmac(`AWS4${secretAccessKey}`, shortDate);
  key = hmac(key, region);
  key = hmac(key, service);
  key = hmac(key, SCOPE_TERMINATOR);
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.delete(keyCache.keys().next().value);
  keyCache.set(cacheKey, key);
  return key;
}

function hmac(key, data) {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** The hex signature of a string to sign. */
export function signature(key, toSign) {
  return createHmac("sha256", key).update(toSign, "utf8").digest("hex");
}

/** "20150830T123600Z" for a time in milliseconds. */
export function amzDate(millis) {
  return new Date(millis).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** The time of an X-Amz-Date value ("20150830T123600Z"), or NaN. */
export function parseAmzDate(text) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return NaN;
  const millis = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return amzDate(millis) === text ? millis : NaN; // refuses 20150231 and the like
}

/**
 * The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`
 * header: `{ algorithm, credential, signedHeaders, signature }`, each undefined when absent.
 */
export function parseAuthorization(header) {
  const text = header.trim();
  const space = text.indexOf(" ");
  const algorithm = space < 0 ? text : text.slice(0, space);
  const parts = {};
  if (space >= 0) {
    for (const piece of text.slice(space + 1).split(",")) {
      const eq = piece.indexOf("=");
      if (eq < 0) continue;
      parts[piece.slice(0, eq).trim()] = piece.slice(eq + 1).trim();
    }
  }
  return { algorithm, credential: parts.Credential, signedHeaders: parts.SignedHeaders, signature: parts.Signature };
}
