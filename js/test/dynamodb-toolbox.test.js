// DynamoDB-Toolbox v2 (npm "dynamodb-toolbox", unchanged) running a small single-table model against
// ShoalDB through @aws-sdk/lib-dynamodb, over both transports: two entities in one table with a GSI,
// conditional put/update/delete, update verbs ($add, $subtract, $append, $prepend, $delete,
// $remove, $get), queries with range conditions, filters, paging, batch and transactions.
import assert from "node:assert/strict";
import { ConditionalCheckFailedException, CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, item, list, map, number, set, string, Table } from "dynamodb-toolbox";
import { BatchDeleteRequest } from "dynamodb-toolbox/entity/actions/batchDelete";
import { BatchGetRequest } from "dynamodb-toolbox/entity/actions/batchGet";
import { BatchPutRequest } from "dynamodb-toolbox/entity/actions/batchPut";
import { DeleteItemCommand } from "dynamodb-toolbox/entity/actions/delete";
import { GetItemCommand } from "dynamodb-toolbox/entity/actions/get";
import { PutItemCommand } from "dynamodb-toolbox/entity/actions/put";
import { ConditionCheck } from "dynamodb-toolbox/entity/actions/transactCheck";
import { PutTransaction } from "dynamodb-toolbox/entity/actions/transactPut";
import { UpdateTransaction } from "dynamodb-toolbox/entity/actions/transactUpdate";
import { execute as executeTransactWrite } from "dynamodb-toolbox/entity/actions/transactWrite";
import { $add, $append, $delete, $get, $prepend, $remove, $set, $subtract, isConditionCheckFailed, UpdateItemCommand } from "dynamodb-toolbox/entity/actions/update";
import { BatchGetCommand, execute as executeBatchGet } from "dynamodb-toolbox/table/actions/batchGet";
import { BatchWriteCommand, execute as executeBatchWrite } from "dynamodb-toolbox/table/actions/batchWrite";
import { QueryCommand } from "dynamodb-toolbox/table/actions/query";
import { ScanCommand } from "dynamodb-toolbox/table/actions/scan";
import { after, before, describe, test } from "node:test";
import { rejection, transports } from "./transports.js";

const TABLE = "toolbox-music";

function model(documentClient) {
  const table = new Table({
    name: TABLE,
    partitionKey: { name: "PK", type: "string" },
    sortKey: { name: "SK", type: "string" },
    indexes: {
      byYear: { type: "global", partitionKey: { name: "GSI1PK", type: "string" }, sortKey: { name: "GSI1SK", type: "string" } },
    },
    documentClient,
  });
  const albums = new Entity({
    name: "Album",
    table,
    schema: item({
      artist: string().key(),
      title: string().key(),
      year: number(),
      rating: number().default(0),
      sales: number().optional(),
      genres: set(string()).optional(),
      tracks: list(string()).optional(),
      label: map({ name: string(), catalog: number() }).optional(),
    }).and((schema) => ({
      GSI1PK: string().link(({ year }) => `YEAR#${year}`),
      GSI1SK: string().link(({ artist, title }) => `${artist}#${title}`),
    })),
    computeKey: ({ artist, title }) => ({ PK: `ARTIST#${artist}`, SK: `ALBUM#${title}` }),
  });
  const artists = new Entity({
    name: "Artist",
    table,
    schema: item({
      artist: string().key(),
      country: string(),
      members: number().optional(),
    }),
    computeKey: ({ artist }) => ({ PK: `ARTIST#${artist}`, SK: "PROFILE" }),
  });
  return { table, albums, artists };
}

const seed = [
  { artist: "Nina", title: "Little Girl Blue", year: 1959, genres: new Set(["jazz"]), sales: 10 },
  { artist: "Nina", title: "Pastel Blues", year: 1965, genres: new Set(["blues", "jazz"]), sales: 20 },
  { artist: "Nina", title: "Wild Is the Wind", year: 1966, sales: 5 },
  { artist: "Miles", title: "Kind of Blue", year: 1959, genres: new Set(["jazz"]), sales: 100 },
  { artist: "Miles", title: "Bitches Brew", year: 1970, genres: new Set(["fusion"]), sales: 50 },
];

for (const [transport, open] of Object.entries(transports)) {
  describe(`DynamoDB-Toolbox via the ${transport}`, () => {
    let target;
    let client;
    let table;
    let albums;
    let artists;

    before(async () => {
      target = await open();
      client = new DynamoDBClient(target.config);
      await client.send(
        new CreateTableCommand({
          TableName: TABLE,
          KeySchema: [
            { AttributeName: "PK", KeyType: "HASH" },
            { AttributeName: "SK", KeyType: "RANGE" },
          ],
          AttributeDefinitions: ["PK", "SK", "GSI1PK", "GSI1SK"].map((AttributeName) => ({ AttributeName, AttributeType: "S" })),
          GlobalSecondaryIndexes: [
            {
              IndexName: "byYear",
              KeySchema: [
                { AttributeName: "GSI1PK", KeyType: "HASH" },
                { AttributeName: "GSI1SK", KeyType: "RANGE" },
              ],
              Projection: { ProjectionType: "ALL" },
            },
          ],
          BillingMode: "PAY_PER_REQUEST",
        }),
      );
      ({ table, albums, artists } = model(DynamoDBDocumentClient.from(client)));
      for (const album of seed) {
        await albums.build(PutItemCommand).item(album).options({ condition: { attr: "artist", exists: false } }).send();
      }
      await artists.build(PutItemCommand).item({ artist: "Nina", country: "US" }).send();
      await artists.build(PutItemCommand).item({ artist: "Miles", country: "US", members: 1 }).send();
    });
    after(async () => {
      client.destroy();
      await target.close();
    });

    test("get formats the item; the stored item has the computed keys and entity attributes", async () => {
      const { Item } = await albums.build(GetItemCommand).key({ artist: "Nina", title: "Pastel Blues" }).send();
      assert.equal(Item.year, 1965);
      assert.equal(Item.rating, 0);
      assert.deepEqual(Item.genres, new Set(["blues", "jazz"]));
      assert.ok(typeof Item.created === "string" && typeof Item.modified === "string", "timestamps");
      const raw = await albums.build(GetItemCommand).key({ artist: "Nina", title: "Pastel Blues" }).options({ attributes: ["year"] }).send();
      assert.deepEqual(raw.Item, { year: 1965 });
      const missing = await albums.build(GetItemCommand).key({ artist: "Nina", title: "Nope" }).send();
      assert.equal(missing.Item, undefined);
    });

    test("a conditional put refuses a duplicate with the SDK's ConditionalCheckFailedException", async () => {
      const error = await rejection(
        albums.build(PutItemCommand).item(seed[0]).options({ condition: { attr: "artist", exists: false } }).send(),
      );
      assert.ok(error instanceof ConditionalCheckFailedException, `got ${error?.name}: ${error?.message}`);
      assert.ok(isConditionCheckFailed(error));
      const withOld = await rejection(
        albums
          .build(PutItemCommand)
          .item(seed[0])
          .options({ condition: { attr: "artist", exists: false }, returnValuesOnConditionFalse: "ALL_OLD" })
          .send(),
      );
      assert.ok(isConditionCheckFailed(withOld));
      assert.equal(withOld.Item?.year?.N, "1959", "the old item comes back on the exception (wire format)");
      assert.equal(withOld.Item?.PK?.S, "ARTIST#Nina");
    });

    test("updating a member of a map that does not exist is refused, as on DynamoDB", async () => {
      await albums.build(PutItemCommand).item({ artist: "Test", title: "NoLabel", year: 2000 }).send();
      const error = await rejection(
        albums.build(UpdateItemCommand).item({ artist: "Test", title: "NoLabel", label: { name: "Columbia", catalog: 42 } }).send(),
      );
      assert.equal(error.name, "ValidationException");
      assert.equal(error.message, "The document path provided in the update expression is invalid for update");
    });

    test("update verbs: $add, $subtract, $append, $prepend, $delete, $remove, $get, nested map, with a condition", async () => {
      await albums.build(PutItemCommand).item({ artist: "Test", title: "Upd", year: 2000, sales: 10, tracks: ["b"], genres: new Set(["a", "b"]) }).send();
      const { Attributes } = await albums
        .build(UpdateItemCommand)
        .item({
          artist: "Test",
          title: "Upd",
          rating: $add(3),
          sales: $subtract($get("sales"), 4),
          tracks: $prepend(["a"]),
          genres: $delete(new Set(["a"])),
          // A plain object would update label's members one by one (SET label.name = ...), which
          // DynamoDB refuses while label does not exist; $set replaces the whole map.
          label: $set({ name: "Columbia", catalog: 42 }),
        })
        .options({ condition: { and: [{ attr: "sales", gte: 10 }, { attr: "year", between: [1990, 2010] }] }, returnValues: "ALL_NEW" })
        .send();
      assert.equal(Attributes.rating, 3);
      assert.equal(Attributes.sales, 6);
      assert.deepEqual(Attributes.tracks, ["a", "b"]);
      assert.deepEqual(Attributes.genres, new Set(["b"]));
      assert.deepEqual(Attributes.label, { name: "Columbia", catalog: 42 });

      const second = await albums
        .build(UpdateItemCommand)
        .item({ artist: "Test", title: "Upd", tracks: $append(["c"]), sales: $remove(), label: { catalog: $add(1) } })
        .options({ returnValues: "UPDATED_NEW" })
        .send();
      assert.deepEqual(second.Attributes.tracks, ["a", "b", "c"]);
      assert.equal(second.Attributes.sales, undefined);

      const error = await rejection(
        albums
          .build(UpdateItemCommand)
          .item({ artist: "Test", title: "Upd", rating: $add(1) })
          .options({ condition: { attr: "sales", exists: true } })
          .send(),
      );
      assert.ok(isConditionCheckFailed(error));
      const { Item } = await albums.build(GetItemCommand).key({ artist: "Test", title: "Upd" }).send();
      assert.equal(Item.rating, 3, "the refused update changed nothing");
      assert.deepEqual(Item.label, { name: "Columbia", catalog: 43 });
    });

    test("query a partition with range conditions, entity filters, reverse, limit and paging", async () => {
      const titles = ({ Items }) => Items.map((i) => i.title ?? `profile:${i.artist}`);
      const all = await table.build(QueryCommand).query({ partition: "ARTIST#Nina" }).entities(albums, artists).send();
      assert.deepEqual(titles(all), ["Little Girl Blue", "Pastel Blues", "Wild Is the Wind", "profile:Nina"]);

      const onlyAlbums = await table.build(QueryCommand).query({ partition: "ARTIST#Nina", range: { beginsWith: "ALBUM#" } }).entities(albums).send();
      assert.deepEqual(titles(onlyAlbums), ["Little Girl Blue", "Pastel Blues", "Wild Is the Wind"]);

      const between = await table
        .build(QueryCommand)
        .query({ partition: "ARTIST#Nina", range: { between: ["ALBUM#M", "ALBUM#X"] } })
        .entities(albums)
        .options({ reverse: true })
        .send();
      assert.deepEqual(titles(between), ["Wild Is the Wind", "Pastel Blues"]);

      const gt = await table.build(QueryCommand).query({ partition: "ARTIST#Nina", range: { gt: "ALBUM#Pastel Blues" } }).entities(albums, artists).send();
      assert.deepEqual(titles(gt), ["Wild Is the Wind", "profile:Nina"]);

      const filtered = await table
        .build(QueryCommand)
        .query({ partition: "ARTIST#Nina" })
        .entities(albums)
        .options({ filters: { Album: { attr: "year", gte: 1965 } } })
        .send();
      assert.deepEqual(titles(filtered), ["Pastel Blues", "Wild Is the Wind"]);

      const first = await table.build(QueryCommand).query({ partition: "ARTIST#Nina" }).entities(albums, artists).options({ limit: 2 }).send();
      assert.equal(first.Items.length, 2);
      assert.ok(first.LastEvaluatedKey);
      const rest = await table
        .build(QueryCommand)
        .query({ partition: "ARTIST#Nina" })
        .entities(albums, artists)
        .options({ exclusiveStartKey: first.LastEvaluatedKey })
        .send();
      assert.deepEqual([...titles(first), ...titles(rest)], titles(all));

      const pages = await table.build(QueryCommand).query({ partition: "ARTIST#Nina" }).entities(albums, artists).options({ limit: 1, maxPages: Infinity }).send();
      assert.deepEqual(titles(pages), titles(all));
    });

    test("query the GSI", async () => {
      const { Items } = await table
        .build(QueryCommand)
        .query({ index: "byYear", partition: "YEAR#1959" })
        .entities(albums)
        .send();
      assert.deepEqual(Items.map((i) => `${i.artist}/${i.title}`), ["Miles/Kind of Blue", "Nina/Little Girl Blue"]);
      const ranged = await table
        .build(QueryCommand)
        .query({ index: "byYear", partition: "YEAR#1959", range: { lt: "N" } })
        .entities(albums)
        .send();
      assert.deepEqual(ranged.Items.map((i) => i.title), ["Kind of Blue"]);
    });

    test("scan with an entity filter", async () => {
      const { Items } = await table.build(ScanCommand).entities(artists).send();
      assert.deepEqual(Items.map((i) => i.artist).sort(), ["Miles", "Nina"]);
    });

    test("batch write (put and delete) and batch get", async () => {
      await executeBatchWrite(
        table.build(BatchWriteCommand).requests(
          albums.build(BatchPutRequest).item({ artist: "Batch", title: "One", year: 2001 }),
          albums.build(BatchPutRequest).item({ artist: "Batch", title: "Two", year: 2002 }),
          artists.build(BatchPutRequest).item({ artist: "Batch", country: "FR" }),
        ),
      );
      const { Responses } = await executeBatchGet(
        table.build(BatchGetCommand).requests(
          albums.build(BatchGetRequest).key({ artist: "Batch", title: "One" }),
          albums.build(BatchGetRequest).key({ artist: "Batch", title: "Missing" }),
          artists.build(BatchGetRequest).key({ artist: "Batch" }),
        ),
      );
      const [[one, missing, profile]] = Responses;
      assert.equal(one?.year, 2001);
      assert.equal(missing, undefined);
      assert.equal(profile?.country, "FR");
      await executeBatchWrite(
        table.build(BatchWriteCommand).requests(
          albums.build(BatchDeleteRequest).key({ artist: "Batch", title: "One" }),
          albums.build(BatchDeleteRequest).key({ artist: "Batch", title: "Two" }),
          artists.build(BatchDeleteRequest).key({ artist: "Batch" }),
        ),
      );
      const left = await table.build(QueryCommand).query({ partition: "ARTIST#Batch" }).entities(albums, artists).send();
      assert.deepEqual(left.Items, []);
    });

    test("transactions: a condition check guards a put and an update", async () => {
      await executeTransactWrite(
        artists.build(ConditionCheck).key({ artist: "Miles" }).condition({ attr: "country", eq: "US" }),
        albums.build(PutTransaction).item({ artist: "Miles", title: "In a Silent Way", year: 1969 }),
        albums.build(UpdateTransaction).item({ artist: "Miles", title: "Kind of Blue", sales: $add(1) }),
      );
      const { Item } = await albums.build(GetItemCommand).key({ artist: "Miles", title: "Kind of Blue" }).send();
      assert.equal(Item.sales, 101);

      const error = await rejection(
        executeTransactWrite(
          artists.build(ConditionCheck).key({ artist: "Miles" }).condition({ attr: "country", eq: "FR" }),
          albums.build(UpdateTransaction).item({ artist: "Miles", title: "Kind of Blue", sales: $add(1) }),
        ),
      );
      assert.equal(error.name, "TransactionCanceledException");
      assert.deepEqual(
        error.CancellationReasons.map((r) => r.Code),
        ["ConditionalCheckFailed", "None"],
      );
      const after = await albums.build(GetItemCommand).key({ artist: "Miles", title: "Kind of Blue" }).send();
      assert.equal(after.Item.sales, 101);
    });

    test("delete with a condition and ALL_OLD", async () => {
      const error = await rejection(
        albums.build(DeleteItemCommand).key({ artist: "Miles", title: "In a Silent Way" }).options({ condition: { attr: "year", lt: 1960 } }).send(),
      );
      assert.ok(isConditionCheckFailed(error));
      const { Attributes } = await albums
        .build(DeleteItemCommand)
        .key({ artist: "Miles", title: "In a Silent Way" })
        .options({ condition: { attr: "year", eq: 1969 }, returnValues: "ALL_OLD" })
        .send();
      assert.equal(Attributes.year, 1969);
      const { Item } = await albums.build(GetItemCommand).key({ artist: "Miles", title: "In a Silent Way" }).send();
      assert.equal(Item, undefined);
    });
  });
}
