// A DynamoDB endpoint as a fetch handler on web-standard Request/Response: the same code serves
// in a Cloudflare worker (workerd) and under Deno.serve. POST with `X-Amz-Target:
// DynamoDB_20120810.<Operation>` and a JSON body runs the operation on the ShoalDB engine; the
// answer is DynamoDB's JSON (errors carry `__type` and the HTTP status DynamoDB uses).

const TARGET_PREFIX = "DynamoDB_20120810.";
const CONTENT_TYPE = "application/x-amz-json-1.0";

/**
 * @param {() => Promise<import("shoaldb").ShoalDB>} openDb called once, on the first request
 * @param {{ runtime: string }} info reported by GET /
 */
export function createDynamoDBApp(openDb, info) {
  let dbPromise;
  const database = () => (dbPromise ??= openDb());

  return async function handle(request) {
    if (request.method === "GET") {
      return Response.json({ ok: true, ...info });
    }
    if (request.method !== "POST") {
      return new Response("method not allowed", { status: 405 });
    }
    const target = request.headers.get("x-amz-target") ?? "";
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
    if (!/^[A-Za-z]+$/.test(operation)) {
      return answer(400, JSON.stringify({ __type: "com.amazon.coral.service#UnknownOperationException" }));
    }
    const db = await database();
    const { status, body } = await db.executeRaw(operation, await request.text());
    return answer(status, body);
  };
}

function answer(status, body) {
  return new Response(body, {
    status,
    headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": crypto.randomUUID() },
  });
}
