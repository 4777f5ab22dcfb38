// AWS Signature Version 4 on the HTTP endpoint: the verifier against the AWS SDK's own signer
// (@smithy/signature-v4), then the endpoint with credentials against the SDK v3 (DynamoDB and
// DynamoDB Streams clients, over keep-alive), raw requests, and Debian's aws CLI.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { existsSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient, ListStreamsCommand } from "@aws-sdk/client-dynamodb-streams";
import { SignatureV4 } from "@smithy/signature-v4";
import { inspect, verify } from "../src/server/authenticate.js";
import { credentialTable } from "../src/server/authenticate.js";
import { startServer } from "../src/server/index.js";
import { tableInput } from "./helpers.js";
import { rejection } from "./transports.js";

const KEY = { accessKeyId: "AKIDSHOALTEST", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const SIGNED_AT = new Date("2026-03-04T05:06:07Z");

// The SDK's signer takes a hash constructor; node:crypto serves (the SDK's own is a dependency of it).
class Sha256 {
  constructor(secret) {
    this.hash = secret ? createHmac("sha256", secret) : createHash("sha256");
  }
  update(data) {
    this.hash.update(data);
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

function sdkSigner(credentials = KEY, { service = "dynamodb", region = "eu-west-3" } = {}) {
  return new SignatureV4({ credentials, region, service, sha256: Sha256 });
}

// An IncomingMessage as the verifier reads it, for a request the SDK signed.
function receivedRequest(signed, wirePath) {
  const rawHeaders = Object.entries(signed.headers).flat();
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const query = new URLSearchParams(signed.query ?? {}).toString().replace(/\+/g, "%20");
  return { method: signed.method, url: wirePath + (query ? `?${query}` : ""), headers, rawHeaders };
}

function request({ path = "/", query = {}, headers = {}, body = "{}" } = {}) {
  return {
    method: "POST",
    protocol: "http:",
    hostname: "127.0.0.1",
    port: 8000,
    path,
    query,
    headers: {
      host: "127.0.0.1:8000",
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": "DynamoDB_20120810.ListTables",
      ...headers,
    },
    body,
  };
}

describe("the verifier against the AWS SDK's signer", () => {
  const table = credentialTable([KEY, { accessKeyId: "OTHER", secretAccessKey: "x", sessionToken: "tok" }]);
  const cases = [
    { name: "a plain DynamoDB request", req: request() },
    { name: "a body with non-ASCII text", req: request({ body: '{"TableName":"Pärt ♫ 𝄞"}' }) },
    {
      name: "dot segments, a query and unusual header spacing",
      req: request({
        path: "/a/./b/../c/",
        query: { b: "2", a: "1 2", "ü": "x/y*" },
        headers: { "x-extra": "  several   spaces\there  ", "X-Mixed-Case": "Value" },
      }),
    },
    { name: "an empty body", req: request({ body: "" }) },
  ];
  for (const { name, req } of cases) {
    test(`accepts ${name}, and refuses it altered`, async () => {
      const signed = await sdkSigner().sign(req, { signingDate: SIGNED_AT });
      const wirePath = req.path.replace(/ü/g, "%C3%BC");
      const received = receivedRequest(signed, wirePath);
      const { pending, error } = inspect(table, received, SIGNED_AT.getTime() + 60_000);
      assert.equal(error, undefined);
      assert.equal(verify(pending, received, Buffer.from(req.body)), null);

      const otherBody = verify(pending, received, Buffer.from(`${req.body} `));
      assert.equal(otherBody.type, "InvalidSignatureException");
      assert.match(otherBody.message, /^The request signature we calculated does not match the signature you provided/);
      assert.match(otherBody.message, /The Canonical String for this request should have been\n'POST\n/);

      const rawHeaders = received.rawHeaders.map((v) => v.replace("ListTables", "DeleteTable"));
      const otherTarget = { ...received, rawHeaders };
      const otherPending = inspect(table, otherTarget, SIGNED_AT.getTime()).pending;
      assert.equal(verify(otherPending, otherTarget, Buffer.from(req.body)).type, "InvalidSignatureException");
      const otherQuery = { ...received, url: `${received.url}${received.url.includes("?") ? "&" : "?"}z=1` };
      assert.equal(verify(pending, otherQuery, Buffer.from(req.body)).type, "InvalidSignatureException");
    });
  }

  test("a session token must be the configured one", async () => {
    const creds = { accessKeyId: "OTHER", secretAccessKey: "x", sessionToken: "tok" };
    const good = receivedRequest(await sdkSigner(creds).sign(request(), { signingDate: SIGNED_AT }), "/");
    const { pending } = inspect(table, good, SIGNED_AT.getTime());
    assert.equal(verify(pending, good, Buffer.from("{}")), null);
    const forged = await sdkSigner({ ...creds, sessionToken: "forged" }).sign(request(), { signingDate: SIGNED_AT });
    const bad = receivedRequest(forged, "/");
    assert.equal(inspect(table, bad, SIGNED_AT.getTime()).error.type, "UnrecognizedClientException");
  });

  test("what the headers alone show is refused with DynamoDB's error types", async () => {
    const signed = receivedRequest(await sdkSigner().sign(request(), { signingDate: SIGNED_AT }), "/");
    const now = SIGNED_AT.getTime();
    const withAuth = (authorization) => ({
      ...signed,
      headers: { ...signed.headers, authorization },
      rawHeaders: signed.rawHeaders.map((v, i, all) => (i > 0 && all[i - 1] === "authorization" ? authorization : v)),
    });
    const errorOf = (req, at = now) => inspect(table, req, at).error;

    const { headers, rawHeaders, ...rest } = signed;
    const unsigned = {
      ...rest,
      headers: Object.fromEntries(Object.entries(headers).filter(([k]) => k !== "authorization")),
      rawHeaders: rawHeaders.filter((v, i, all) => v !== "authorization" && all[i - 1] !== "authorization"),
    };
    assert.deepEqual({ ...errorOf(unsigned) }, {
      status: 400,
      type: "MissingAuthenticationTokenException",
      message: "Request is missing Authentication Token",
    });
    assert.match(errorOf(withAuth("AWS4-HMAC-SHA1 Credential=x")).message,
      /Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1'/);
    const credentialOnly = "AWS4-HMAC-SHA256 Credential=AKIDSHOALTEST/20260304/eu-west-3/dynamodb/aws4_request";
    const incomplete = errorOf(withAuth(credentialOnly));
    assert.equal(incomplete.type, "IncompleteSignatureException");
    assert.match(incomplete.message, /requires 'Signature' parameter\. .*requires 'SignedHeaders' parameter\./);

    const nobody = sdkSigner({ accessKeyId: "NOBODY", secretAccessKey: "x" });
    const unknownKey = receivedRequest(await nobody.sign(request(), { signingDate: SIGNED_AT }), "/");
    assert.deepEqual({ ...errorOf(unknownKey) }, {
      status: 400,
      type: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    });

    const expired = errorOf(signed, now + 16 * 60_000);
    assert.equal(expired.type, "InvalidSignatureException");
    assert.equal(expired.message,
      "Signature expired: 20260304T050607Z is now earlier than 20260304T050707Z (20260304T052207Z - 15 min.)");
    const early = errorOf(signed, now - 16 * 60_000);
    assert.equal(early.type, "InvalidSignatureException");
    assert.match(early.message, /^Signature not yet current: 20260304T050607Z is still later than 20260304T050507Z/);
    assert.equal(errorOf(signed, now + 14 * 60_000), undefined, "within 15 minutes either way is fine");

    const s3Signer = sdkSigner(KEY, { service: "s3" });
    const s3 = receivedRequest(await s3Signer.sign(request(), { signingDate: SIGNED_AT }), "/");
    assert.match(errorOf(s3).message, /Credential should be scoped to correct service: 'dynamodb'/);
    const auth = signed.headers.authorization;
    const otherDay = errorOf(withAuth(auth.replace("/20260304/", "/20260305/"))).message;
    assert.match(otherDay, /^Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP/);
    assert.match(otherDay, /'20260305' != '20260304', from '20260304T050607Z'\.$/);
    const hostUnsigned = auth.replace("SignedHeaders=content-type;host;", "SignedHeaders=content-type;");
    assert.match(errorOf(withAuth(hostUnsigned)).message, /'Host' must be a 'SignedHeader'/);
  });

  test("credentials are checked when the server starts", () => {
    assert.throws(() => credentialTable({ accessKeyId: "a/b", secretAccessKey: "x" }), /accessKeyId/);
    assert.throws(() => credentialTable({ accessKeyId: "a", secretAccessKey: "" }), /secretAccessKey/);
    assert.throws(() => credentialTable([]), /empty/);
    assert.equal(credentialTable(undefined), null);
  });
});

describe("the endpoint with credentials", () => {
  let endpoint;
  let connections = 0;
  const clients = [];
  const client = (config = {}) => {
    const c = new DynamoDBClient({
      region: "eu-west-3",
      endpoint: endpoint.url,
      credentials: KEY,
      maxAttempts: 1,
      ...config,
    });
    clients.push(c);
    return c;
  };

  before(async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
    endpoint = await startServer({ port: 0, credentials: [KEY, { accessKeyId: "SECOND", secretAccessKey: "two" }] });
    endpoint.server.on("connection", () => (connections += 1));
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await endpoint.close();
  });

  test("the SDK's signed requests run, over one keep-alive connection", async () => {
    const dynamo = client();
    await dynamo.send(new CreateTableCommand(tableInput("signed")));
    const before = connections;
    for (let i = 0; i < 20; i++) {
      await dynamo.send(new PutItemCommand({ TableName: "signed", Item: { id: { S: `k${i}` }, n: { N: String(i) } } }));
    }
    const { Item } = await dynamo.send(new GetItemCommand({ TableName: "signed", Key: { id: { S: "k7" } } }));
    assert.deepEqual(Item, { id: { S: "k7" }, n: { N: "7" } });
    assert.ok(connections - before <= 1, `${connections - before} new connections for 21 requests`);
    const second = client({ credentials: { accessKeyId: "SECOND", secretAccessKey: "two" } });
    assert.ok((await second.send(new ListTablesCommand({}))).TableNames.includes("signed"));
  });

  test("a wrong secret, an unknown key and a skewed clock are refused", async () => {
    const list = (config) => rejection(client(config).send(new ListTablesCommand({})));
    const wrongSecret = await list({ credentials: { ...KEY, secretAccessKey: "nope" } });
    assert.equal(wrongSecret.name, "InvalidSignatureException");
    assert.equal(wrongSecret.$metadata.httpStatusCode, 400);
    const unknown = await list({ credentials: { accessKeyId: "NOBODY", secretAccessKey: "x" } });
    assert.equal(unknown.name, "UnrecognizedClientException");
    assert.equal(unknown.message, "The security token included in the request is invalid.");
    const late = await rejection(client({ systemClockOffset: -20 * 60_000 }).send(new ListTablesCommand({})));
    assert.equal(late.name, "InvalidSignatureException");
    assert.match(late.message, /^Signature expired: /);
    const early = await rejection(client({ systemClockOffset: 20 * 60_000 }).send(new ListTablesCommand({})));
    assert.match(early.message, /^Signature not yet current: /);
  });

  test("an unsigned request is MissingAuthenticationTokenException; health needs no signature", async () => {
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "DynamoDB_20120810.ListTables" },
      body: "{}",
    });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      __type: "com.amazon.coral.service#MissingAuthenticationTokenException",
      message: "Request is missing Authentication Token",
    });
    const health = await fetch(`${endpoint.url}/health`);
    assert.equal(health.status, 200);
    assert.equal((await health.json()).auth, "sigv4");
  });

  test("a signed request whose body was swapped after signing is refused", async () => {
    const dynamo = client();
    dynamo.middlewareStack.add(
      (next) => async (args) => {
        args.request.body = '{"Limit":1}';
        args.request.headers["content-length"] = "11";
        return next(args);
      },
      { step: "finalizeRequest", priority: "low", name: "tamper" },
    );
    const error = await rejection(dynamo.send(new ListTablesCommand({})));
    assert.equal(error.name, "InvalidSignatureException");
  });

  test("DynamoDB Streams requests are signed and checked the same way", async () => {
    const streams = (credentials) => {
      const c = new DynamoDBStreamsClient({ region: "eu-west-3", endpoint: endpoint.url, credentials, maxAttempts: 1 });
      clients.push(c);
      return c;
    };
    assert.deepEqual((await streams(KEY).send(new ListStreamsCommand({}))).Streams, []);
    const refused = await rejection(streams({ ...KEY, secretAccessKey: "nope" }).send(new ListStreamsCommand({})));
    assert.equal(refused.name, "InvalidSignatureException");
  });
});

const AWS = "/usr/bin/aws";
const noCli = !existsSync(AWS) && `${AWS} is not installed (Debian package awscli; npm run setup installs it)`;

describe("the aws CLI against the endpoint with credentials", { skip: noCli }, () => {
  let endpoint;
  before(async () => {
    endpoint = await startServer({ port: 0, credentials: KEY });
  });
  after(() => endpoint?.close());

  function aws(credentials, ...args) {
    return new Promise((resolve) => {
      execFile(
        AWS,
        ["dynamodb", ...args, "--endpoint-url", endpoint.url, "--output", "json"],
        {
          timeout: 60_000,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME ?? "/tmp",
            AWS_ACCESS_KEY_ID: credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
            AWS_DEFAULT_REGION: "us-east-1",
            AWS_CONFIG_FILE: "/dev/null",
            AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
            AWS_MAX_ATTEMPTS: "1",
          },
        },
        (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }),
      );
    });
  }

  test("signed with the configured key it works; with another secret or key it is refused", async () => {
    const created = await aws(KEY, "create-table", "--table-name", "cli-signed",
      "--attribute-definitions", "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH",
      "--billing-mode", "PAY_PER_REQUEST");
    assert.equal(created.code, 0, created.stderr);
    const item = { id: { S: "a" }, note: { S: "signed by botocore" } };
    assert.equal((await aws(KEY, "put-item", "--table-name", "cli-signed", "--item", JSON.stringify(item))).code, 0);
    const got = await aws(KEY, "get-item", "--table-name", "cli-signed", "--key", '{"id":{"S":"a"}}');
    assert.deepEqual(JSON.parse(got.stdout), { Item: item });

    const wrong = await aws({ ...KEY, secretAccessKey: "nope" }, "list-tables");
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /InvalidSignatureException/);
    const unknown = await aws({ accessKeyId: "NOBODY", secretAccessKey: "x" }, "list-tables");
    assert.match(unknown.stderr, /UnrecognizedClientException/);
  });
});
