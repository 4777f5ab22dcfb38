// PartiQL through the official AWS SDK v3 against the in-process request handler: the
// client's ExecuteStatementCommand, BatchExecuteStatementCommand and ExecuteTransactionCommand
// on wire values, and lib-dynamodb's document commands on plain JS values.
import assert from "node:assert/strict";
import {
  BatchExecuteStatementCommand,
  CreateTableCommand,
  DuplicateItemException,
  DynamoDBClient,
  ExecuteStatementCommand,
  ExecuteTransactionCommand,
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import {
  BatchExecuteStatementCommand as DocBatchExecuteStatementCommand,
  DynamoDBDocumentClient,
  ExecuteStatementCommand as DocExecuteStatementCommand,
  ExecuteTransactionCommand as DocExecuteTransactionCommand,
} from "@aws-sdk/lib-dynamodb";
import { after, before, describe, test } from "node:test";
import { ShoalDB } from "../src/index.js";
import { SDK_OPTIONS, tableInput } from "./helpers.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

describe("PartiQL through the AWS SDK v3 (in-process request handler)", () => {
  let db;
  let client;
  let doc;

  before(async () => {
    db = await ShoalDB.open({ storage: "memory" });
    client = new DynamoDBClient({ ...SDK_OPTIONS, endpoint: "http://shoaldb.local", requestHandler: db.requestHandler() });
    doc = DynamoDBDocumentClient.from(client);
    await client.send(new CreateTableCommand(tableInput("pq-songs", { range: true })));
  });
  after(async () => {
    client.destroy();
    await db.close();
  });

  test("ExecuteStatementCommand: INSERT, SELECT, UPDATE, DELETE on wire values", async () => {
    await client.send(
      new ExecuteStatementCommand({
        Statement: `INSERT INTO "pq-songs" VALUE {'id': ?, 'sk': ?, 'title': 'PartiQL Rocks', 'tags': <<'a', 'b'>>}`,
        Parameters: [{ S: "band" }, { N: "1" }],
      }),
    );
    const { Items } = await client.send(
      new ExecuteStatementCommand({ Statement: `SELECT title, tags FROM "pq-songs" WHERE id = 'band' AND sk = 1` }),
    );
    assert.deepEqual(Items, [{ title: { S: "PartiQL Rocks" }, tags: { SS: ["a", "b"] } }]);

    const updated = await client.send(
      new ExecuteStatementCommand({
        Statement: `UPDATE "pq-songs" SET plays = 1 SET info = {'year': 2020} REMOVE tags WHERE id = 'band' AND sk = 1 RETURNING ALL NEW *`,
      }),
    );
    assert.equal(updated.Items[0].plays.N, "1");
    assert.equal(updated.Items[0].tags, undefined);

    await assert.rejects(
      client.send(new ExecuteStatementCommand({ Statement: `INSERT INTO "pq-songs" VALUE {'id': 'band', 'sk': 1}` })),
      (e) => e instanceof DuplicateItemException && e.message === "Duplicate primary key exists in table",
    );
    await assert.rejects(
      client.send(new ExecuteStatementCommand({ Statement: `UPDATE "pq-songs" SET plays = 2 WHERE id = 'nobody' AND sk = 1` })),
      ConditionalCheckFailedException,
    );
    await assert.rejects(
      client.send(new ExecuteStatementCommand({ Statement: `UPDATE "pq-songs" SET plays = 2 WHERE id = 'band'` })),
      (e) => e.name === "ValidationException" && e.message === "Where clause does not contain a mandatory equality on all key attributes",
    );
    await assert.rejects(
      client.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "pq-songs" WHERE` })),
      (e) => e.name === "ValidationException" && e.message === "Statement wasn't well formed, can't be processed: Unexpected term",
    );

    const deleted = await client.send(
      new ExecuteStatementCommand({ Statement: `DELETE FROM "pq-songs" WHERE id = 'band' AND sk = 1 RETURNING ALL OLD *` }),
    );
    assert.equal(deleted.Items[0].title.S, "PartiQL Rocks");
  });

  test("ExecuteStatementCommand: Limit and NextToken page through a partition", async () => {
    for (let sk = 1; sk <= 5; sk++)
      await client.send(new ExecuteStatementCommand({ Statement: `INSERT INTO "pq-songs" VALUE {'id': 'pages', 'sk': ${sk}}` }));
    const seen = [];
    let NextToken;
    let pages = 0;
    do {
      const page = await client.send(
        new ExecuteStatementCommand({ Statement: `SELECT sk FROM "pq-songs" WHERE id = 'pages' ORDER BY sk DESC`, Limit: 2, NextToken }),
      );
      seen.push(...page.Items.map((i) => i.sk.N));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    assert.deepEqual(seen, ["5", "4", "3", "2", "1"]);
    assert.equal(pages, 3);
  });

  test("lib-dynamodb ExecuteStatementCommand: plain JS parameters and items", async () => {
    await doc.send(
      new DocExecuteStatementCommand({
        Statement: `INSERT INTO "pq-songs" VALUE {'id': ?, 'sk': ?, 'meta': ?}`,
        Parameters: ["doc", 1, { genre: "rock", years: [2019, 2020] }],
      }),
    );
    const { Items } = await doc.send(
      new DocExecuteStatementCommand({
        Statement: `SELECT meta.genre, meta.years[1] FROM "pq-songs" WHERE id = ? AND begins_with(meta.genre, ?)`,
        Parameters: ["doc", "ro"],
      }),
    );
    assert.deepEqual(Items, [{ genre: "rock", "years[1]": 2020 }]);
    const none = await doc.send(
      new DocExecuteStatementCommand({ Statement: `SELECT * FROM "pq-songs" WHERE id = ? AND size(meta.years) > 2`, Parameters: ["doc"] }),
    );
    assert.deepEqual(none.Items, []);
  });

  test("BatchExecuteStatementCommand: each statement succeeds or fails on its own", async () => {
    const { Responses } = await doc.send(
      new DocBatchExecuteStatementCommand({
        Statements: [
          { Statement: `INSERT INTO "pq-songs" VALUE {'id': 'batch', 'sk': 1, 'n': 1}` },
          { Statement: `INSERT INTO "pq-songs" VALUE {'id': 'batch', 'sk': 1}` },
          { Statement: `UPDATE "pq-songs" SET n = n + ? WHERE id = 'batch' AND sk = 1`, Parameters: [5] },
        ],
      }),
    );
    assert.equal(Responses.length, 3);
    assert.equal(Responses[0].Error, undefined);
    assert.equal(Responses[1].Error.Code, "DuplicateItem");
    assert.equal(Responses[2].Error, undefined);

    const reads = await doc.send(
      new DocBatchExecuteStatementCommand({
        Statements: [
          { Statement: `SELECT n FROM "pq-songs" WHERE id = ? AND sk = ?`, Parameters: ["batch", 1] },
          { Statement: `SELECT * FROM "pq-songs" WHERE id = 'batch'` },
        ],
      }),
    );
    assert.deepEqual(reads.Responses[0].Item, { n: 6 });
    assert.equal(reads.Responses[1].Error.Code, "ValidationError");
  });

  test("ExecuteTransactionCommand: all statements or none", async () => {
    await doc.send(
      new DocExecuteTransactionCommand({
        TransactStatements: [
          { Statement: `INSERT INTO "pq-songs" VALUE {'id': 'tx', 'sk': 1, 'stock': 1}` },
          { Statement: `INSERT INTO "pq-songs" VALUE {'id': 'tx', 'sk': 2, 'stock': 0}` },
        ],
      }),
    );
    await assert.rejects(
      client.send(
        new ExecuteTransactionCommand({
          TransactStatements: [
            { Statement: `UPDATE "pq-songs" SET stock = stock - 1 WHERE id = 'tx' AND sk = 1 AND stock > 0` },
            { Statement: `UPDATE "pq-songs" SET stock = stock - 1 WHERE id = 'tx' AND sk = 2 AND stock > 0` },
          ],
        }),
      ),
      (e) =>
        e instanceof TransactionCanceledException &&
        e.CancellationReasons.map((r) => r.Code).join() === "None,ConditionalCheckFailed",
    );
    const { Responses } = await doc.send(
      new DocExecuteTransactionCommand({
        TransactStatements: [
          { Statement: `SELECT stock FROM "pq-songs" WHERE id = 'tx' AND sk = 1` },
          { Statement: `SELECT stock FROM "pq-songs" WHERE id = 'tx' AND sk = 2` },
        ],
      }),
    );
    assert.deepEqual(
      Responses.map((r) => r.Item),
      [{ stock: 1 }, { stock: 0 }],
    );
  });
});
