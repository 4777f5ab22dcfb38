// Who may call the endpoint. Anonymous by default, as DynamoDB Local is: any credentials, any region.
// With credentials configured, every DynamoDB and DynamoDB Streams request must carry a valid AWS
// Signature Version 4 made with one of them, and is refused with the error types DynamoDB's front
// end uses (MissingAuthenticationTokenException, IncompleteSignatureException,
// UnrecognizedClientException, InvalidSignatureException) otherwise. Any region is accepted, as
// DynamoDB Local accepts any; the service must be "dynamodb", which both services sign with.
//
// The check runs in two steps so that a request that cannot be authentic is refused before its
// body is read: inspect() needs only the headers, verify() then hashes the body.
import { timingSafeEqual } from "node:crypto";
import {
  ALGORITHM,
  amzDate,
  canonicalRequest,
  credentialScope,
  headerValues,
  parseAmzDate,
  parseAuthorization,
  SCOPE_TERMINATOR,
  sha256Hex,
  signature,
  signingKey,
  stringToSign,
} from "./sigv4.js";

export const SIGNING_SERVICE = "dynamodb";
/** How far a request's date may be from the server's clock, either way (DynamoDB: 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const INVALID_TOKEN = "The security token included in the request is invalid.";
const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret " +
  "Access Key and signing method. Consult the service documentation for details.";

/** An authentication failure, answered as DynamoDB answers it (HTTP 400, com.amazon.coral.service#Type). */
export class AuthError {
  constructor(type, message) {
    this.status = 400;
    this.type = type;
    this.message = message;
  }
}

const fail = (type, message) => ({ error: new AuthError(type, message) });

/**
 * The credentials option as a Map from access key id to `{ secretAccessKey, sessionToken }`, or
 * null for anonymous mode.
 * @param {undefined | null | {accessKeyId: string, secretAccessKey: string, sessionToken?: string}
 *   | Array<{accessKeyId: string, secretAccessKey: string, sessionToken?: string}>} credentials
 */
export function credentialTable(credentials) {
  if (credentials === undefined || credentials === null) return null;
  const list = Array.isArray(credentials) ? credentials : [credentials];
  if (list.length === 0) throw new TypeError("startServer: credentials is an empty list");
  const table = new Map();
  for (const entry of list) {
    const { accessKeyId, secretAccessKey, sessionToken } = entry ?? {};
    if (typeof accessKeyId !== "string" || !/^[\x21-\x7e]+$/.test(accessKeyId) || accessKeyId.includes("/")) {
      throw new TypeError("startServer: each credential needs an accessKeyId of printable ASCII without '/'");
    }
    if (typeof secretAccessKey !== "string" || secretAccessKey === "") {
      throw new TypeError(`startServer: the credential ${accessKeyId} needs a non-empty secretAccessKey`);
    }
    if (sessionToken !== undefined && (typeof sessionToken !== "string" || sessionToken === "")) {
      throw new TypeError(`startServer: the sessionToken of ${accessKeyId} must be a non-empty string`);
    }
    table.set(accessKeyId, { secretAccessKey, sessionToken });
  }
  return table;
}

/**
 * Checks what the headers alone can tell: the Authorization header's shape, the key, the date.
 * Returns `{ error }` (an AuthError) or `{ pending }` to pass to verify() with the body.
 * @param {Map<string, {secretAccessKey: string, sessionToken?: string}>} table
 * @param {import("node:http").IncomingMessage} req
 */
export function inspect(table, req, now = Date.now()) {
  const authorization = req.headers.authorization;
  if (authorization === undefined || authorization.trim() === "") {
    return fail("MissingAuthenticationTokenException", "Request is missing Authentication Token");
  }
  const auth = parseAuthorization(authorization);
  if (auth.algorithm !== ALGORITHM) {
    return fail("IncompleteSignatureException", `Unsupported AWS 'algorithm': '${auth.algorithm}'`);
  }
  const headers = headerValues(req.rawHeaders);
  const dateText = headers.get("x-amz-date")?.[0] ?? headers.get("date")?.[0];
  const missing = [];
  if (!auth.credential) missing.push("Authorization header requires 'Credential' parameter.");
  if (!auth.signature) missing.push("Authorization header requires 'Signature' parameter.");
  if (!auth.signedHeaders) missing.push("Authorization header requires 'SignedHeaders' parameter.");
  if (dateText === undefined) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (missing.length > 0) {
    return fail("IncompleteSignatureException", `${missing.join(" ")} Authorization=${authorization}`);
  }
  const scope = auth.credential.split("/");
  if (scope.length !== 5) {
    return fail(
      "IncompleteSignatureException",
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, " +
        `got '${auth.credential}'`,
    );
  }
  const [accessKeyId, scopeDate, region, service, terminator] = scope;
  const signedHeaders = auth.signedHeaders.split(";");
  if (!signedHeaders.includes("host")) {
    return fail("IncompleteSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const key = table.get(accessKeyId);
  if (key === undefined) return fail("UnrecognizedClientException", INVALID_TOKEN);
  const token = headers.get("x-amz-security-token")?.[0];
  if (key.sessionToken !== undefined && token !== key.sessionToken) {
    return fail("UnrecognizedClientException", INVALID_TOKEN);
  }

  const sent = headers.has("x-amz-date") ? parseAmzDate(dateText) : Date.parse(dateText);
  if (Number.isNaN(sent)) {
    return fail("IncompleteSignatureException", `Date must be in ISO-8601 'basic format'. Got '${dateText}'.`);
  }
  const sentAmz = amzDate(sent);
  if (sent < now - MAX_CLOCK_SKEW_MS) {
    const earliest = amzDate(now - MAX_CLOCK_SKEW_MS);
    return fail("InvalidSignatureException",
      `Signature expired: ${sentAmz} is now earlier than ${earliest} (${amzDate(now)} - 15 min.)`);
  }
  if (sent > now + MAX_CLOCK_SKEW_MS) {
    const latest = amzDate(now + MAX_CLOCK_SKEW_MS);
    return fail("InvalidSignatureException",
      `Signature not yet current: ${sentAmz} is still later than ${latest} (${amzDate(now)} + 15 min.)`);
  }
  if (scopeDate !== sentAmz.slice(0, 8)) {
    return fail("InvalidSignatureException",
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
        `'${scopeDate}' != '${sentAmz.slice(0, 8)}', from '${sentAmz}'.`);
  }
  if (region === "") {
    return fail("InvalidSignatureException", "Credential should be scoped to a valid region, not ''. ");
  }
  if (service !== SIGNING_SERVICE) {
    return fail("InvalidSignatureException", `Credential should be scoped to correct service: '${SIGNING_SERVICE}'. `);
  }
  if (terminator !== SCOPE_TERMINATOR) {
    return fail("InvalidSignatureException",
      `Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${terminator}'. `);
  }
  const pending = {
    accessKeyId,
    secretAccessKey: key.secretAccessKey,
    scope: credentialScope(scopeDate, region, service),
    scopeDate,
    region,
    amzDate: sentAmz,
    signedHeaders,
    headers,
    signature: auth.signature,
  };
  return { pending };
}

/**
 * Checks the signature over the whole request. Returns null when it matches, else an AuthError
 * that, like DynamoDB's, shows the canonical request and the string to sign the server computed
 * (they derive from the request alone, so they reveal nothing about the secret).
 * @param {ReturnType<typeof inspect>["pending"]} pending
 * @param {import("node:http").IncomingMessage} req
 * @param {Uint8Array} body
 */
export function verify(pending, req, body) {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const canonical = canonicalRequest({
    method: req.method,
    rawPath: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? "" : url.slice(q + 1),
    headers: pending.headers,
    signedHeaders: pending.signedHeaders,
    payloadHash: sha256Hex(body),
  });
  const toSign = stringToSign(pending.amzDate, pending.scope, canonical);
  const key = signingKey(pending.secretAccessKey, pending.scopeDate, pending.region, SIGNING_SERVICE);
  const expected = Buffer.from(signature(key, toSign), "utf8");
  const given = Buffer.from(pending.signature, "utf8");
  if (expected.length === given.length && timingSafeEqual(expected, given)) return null;
  const message =
    `${SIGNATURE_MISMATCH}\n\nThe Canonical String for this request should have been\n'${canonical}'\n\n` +
    `The String-to-Sign should have been\n'${toSign}'\n`;
  return new AuthError("InvalidSignatureException", message);
}
