// Reading a request body into memory, never more than a limit.

export class BodyTooLarge extends Error {}
export class ClientGone extends Error {}

/**
 * The body as one Buffer. Rejects with BodyTooLarge as soon as it passes `limit` bytes (nothing
 * more is kept; the caller answers and closes the connection), and with ClientGone when the
 * client disconnects first (or Node's request timeout drops a slow one).
 * @param {import("node:http").IncomingMessage} req
 */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let length = 0;
    let done = false;
    const finish = (error, value) => {
      if (done) return;
      done = true;
      req.off("data", onData);
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk) => {
      length += chunk.length;
      if (length > limit) {
        chunks.length = 0;
        req.pause();
        finish(new BodyTooLarge(`the request body is over the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => finish(null, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length)));
    req.once("error", (error) => finish(new ClientGone(error.message)));
    req.once("close", () => finish(new ClientGone("the client closed the connection before the body ended")));
  });
}
