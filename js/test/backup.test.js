// Backups, point-in-time recovery, export and import: through the AWS SDK v3 over both transports
// (the in-process request handler and the HTTP endpoint), with the engine's clock injected
// (ShoalDB.open's `clock`), and the CLI's export/import on a database folder and an endpoint.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import {
  BackupNotFoundException,
  CreateBackupCommand,
  CreateTableCommand,
  DeleteBackupCommand,
  DeleteTableCommand,
  DescribeBackupCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  InvalidRestoreTimeException,
  ListBackupsCommand,
  PointInTimeRecoveryUnavailableException,
  PutItemCommand,
  QueryCommand,
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  ScanCommand,
  TableAlreadyExistsException,
  TableNotFoundException,
  UpdateContinuousBackupsCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { ShoalDB } from "../src/index.node.js";
import { startServer } from "../src/server/index.js";
import { createProgress } from "../src/cli/progress-bar.js";
import { SDK_OPTIONS } from "./helpers.js";
import { rejection } from "./transports.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const T0 = 1_700_000_000_000; // the injected clock's start, epoch ms
const BIN = fileURLToPath(new URL("../bin/shoaldb.js", import.meta.url));

// Both transports serve one database whose clock the test moves by hand.
const transports = {
  "in-process request handler": async (clock) => {
    const db = await ShoalDB.open({ storage: "memory", clock: () => clock.now });
    return {
      config: { ...SDK_OPTIONS, endpoint: "http://shoaldb.local", requestHandler: db.requestHandler() },
      close: () => db.close(),
    };
  },
  "HTTP endpoint": async (clock) => {
    const db = await ShoalDB.open({ storage: "memory", clock: () => clock.now });
    const endpoint = await startServer({ db, port: 0, host: "127.0.0.1" });
    return {
      config: { ...SDK_OPTIONS, region: "eu-west-3", endpoint: endpoint.url },
      close: async () => {
        await endpoint.close();
        await db.close();
      },
    };
  },
};

function indexedTable(TableName) {
  return {
    TableName,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "N" },
      { AttributeName: "city", AttributeType: "S" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: "byCity",
        KeySchema: [{ AttributeName: "city", KeyType: "HASH" }],
        Projection: { ProjectionType: "ALL" },
      },
    ],
  };
}

function item(pk, sk, city, extra = {}) {
  return { pk: { S: pk }, sk: { N: String(sk) }, city: { S: city }, ...extra };
}

for (const [transport, open] of Object.entries(transports)) {
  describe(`backups and point-in-time recovery via the ${transport}`, () => {
    const clock = { now: T0 };
    let target;
    let client;

    before(async () => {
      target = await open(clock);
      client = new DynamoDBClient(target.config);
    });
    after(async () => {
      client.destroy();
      await target.close();
    });

    const scanKeys = async (TableName) => {
      const { Items } = await client.send(new ScanCommand({ TableName, ConsistentRead: true }));
      return Items.map((i) => `${i.pk.S}/${i.sk.N}${i.v ? `=${i.v.S}` : ""}`).sort();
    };

    test("create, list, describe, restore and delete a backup; the restored table's GSI answers", async () => {
      await client.send(new CreateTableCommand(indexedTable("Shop")));
      for (let i = 0; i < 3; i++) {
        await client.send(new PutItemCommand({ TableName: "Shop", Item: item("p", i, i < 2 ? "Oslo" : "Rome") }));
      }
      clock.now += 1000;
      const { BackupDetails } = await client.send(new CreateBackupCommand({ TableName: "Shop", BackupName: "shop-1" }));
      assert.match(BackupDetails.BackupArn, /^arn:aws:dynamodb:[^:]+:\d{12}:table\/Shop\/backup\/\d{14}-[0-9a-f]{8}$/);
      assert.equal(BackupDetails.BackupStatus, "AVAILABLE");
      assert.equal(BackupDetails.BackupType, "USER");
      assert.equal(BackupDetails.BackupCreationDateTime.getTime(), T0 + 1000);
      // Written after the backup: not in it.
      await client.send(new PutItemCommand({ TableName: "Shop", Item: item("p", 9, "Oslo") }));

      const { BackupSummaries } = await client.send(new ListBackupsCommand({ TableName: "Shop" }));
      assert.deepEqual(BackupSummaries.map((b) => b.BackupName), ["shop-1"]);
      assert.equal(BackupSummaries[0].TableName, "Shop");
      const { BackupArn } = BackupDetails;
      const { BackupDescription } = await client.send(new DescribeBackupCommand({ BackupArn }));
      assert.equal(BackupDescription.SourceTableDetails.ItemCount, 3);
      assert.equal(BackupDescription.SourceTableDetails.BillingMode, "PAY_PER_REQUEST");
      assert.equal(BackupDescription.SourceTableFeatureDetails.GlobalSecondaryIndexes[0].IndexName, "byCity");

      const { TableDescription } = await client.send(
        new RestoreTableFromBackupCommand({ TargetTableName: "ShopCopy", BackupArn: BackupDetails.BackupArn }),
      );
      assert.equal(TableDescription.TableStatus, "CREATING");
      assert.equal(TableDescription.RestoreSummary.SourceBackupArn, BackupDetails.BackupArn);
      assert.equal(TableDescription.RestoreSummary.RestoreInProgress, true);
      // DynamoDB's own waiter sees it ACTIVE at its first look.
      const waited = await waitUntilTableExists({ client, maxWaitTime: 5, minDelay: 1 }, { TableName: "ShopCopy" });
      assert.equal(waited.state, "SUCCESS");
      const { Table } = await client.send(new DescribeTableCommand({ TableName: "ShopCopy" }));
      assert.equal(Table.RestoreSummary.RestoreInProgress, false);
      assert.deepEqual(await scanKeys("ShopCopy"), ["p/0", "p/1", "p/2"]);
      const { Items } = await client.send(
        new QueryCommand({
          TableName: "ShopCopy",
          IndexName: "byCity",
          KeyConditionExpression: "city = :c",
          ExpressionAttributeValues: { ":c": { S: "Oslo" } },
        }),
      );
      assert.deepEqual(Items.map((i) => i.sk.N).sort(), ["0", "1"]);

      const deleted = await client.send(new DeleteBackupCommand({ BackupArn: BackupDetails.BackupArn }));
      assert.equal(deleted.BackupDescription.BackupDetails.BackupStatus, "DELETED");
      const error = await rejection(client.send(new DescribeBackupCommand({ BackupArn: BackupDetails.BackupArn })));
      assert.ok(error instanceof BackupNotFoundException, error.name);
      assert.equal(error.message, `Backup not found: ${BackupDetails.BackupArn}`);
    });

    const restoreLedger = (input) => new RestoreTableToPointInTimeCommand({ SourceTableName: "Ledger", ...input });

    test("point-in-time restore to a moment between two writes", async () => {
      await client.send(new CreateTableCommand(indexedTable("Ledger")));
      const off = await client.send(new DescribeContinuousBackupsCommand({ TableName: "Ledger" }));
      const offStatus = off.ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus;
      assert.equal(offStatus, "DISABLED");
      const noPitr = await rejection(
        client.send(restoreLedger({ TargetTableName: "Ledger0", UseLatestRestorableTime: true })),
      );
      assert.ok(noPitr instanceof PointInTimeRecoveryUnavailableException, noPitr.name);

      const enabledAt = clock.now;
      const on = await client.send(
        new UpdateContinuousBackupsCommand({
          TableName: "Ledger",
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      );
      const pitr = on.ContinuousBackupsDescription.PointInTimeRecoveryDescription;
      assert.equal(pitr.PointInTimeRecoveryStatus, "ENABLED");
      assert.equal(pitr.EarliestRestorableDateTime.getTime(), enabledAt);

      clock.now += 1000;
      await client.send(new PutItemCommand({ TableName: "Ledger", Item: item("a", 1, "Oslo", { v: { S: "first" } }) }));
      clock.now += 1000;
      const between = new Date(clock.now - 500);
      const second = item("a", 1, "Rome", { v: { S: "second" } });
      await client.send(new PutItemCommand({ TableName: "Ledger", Item: second }));
      await client.send(new PutItemCommand({ TableName: "Ledger", Item: item("b", 2, "Rome") }));
      clock.now += 1000;

      const restored = await client.send(
        restoreLedger({ TargetTableName: "LedgerThen", RestoreDateTime: between }),
      );
      assert.equal(restored.TableDescription.RestoreSummary.RestoreDateTime.getTime(), between.getTime());
      assert.deepEqual(await scanKeys("LedgerThen"), ["a/1=first"]);
      const byCity = await client.send(
        new QueryCommand({
          TableName: "LedgerThen",
          IndexName: "byCity",
          KeyConditionExpression: "city = :c",
          ExpressionAttributeValues: { ":c": { S: "Oslo" } },
        }),
      );
      assert.equal(byCity.Count, 1);
      await client.send(
        restoreLedger({ TargetTableName: "LedgerNow", UseLatestRestorableTime: true }),
      );
      assert.deepEqual(await scanKeys("LedgerNow"), ["a/1=second", "b/2"]);

      const described = await client.send(new DescribeContinuousBackupsCommand({ TableName: "Ledger" }));
      const range = described.ContinuousBackupsDescription.PointInTimeRecoveryDescription;
      assert.equal(range.EarliestRestorableDateTime.getTime(), enabledAt);
      assert.equal(range.LatestRestorableDateTime.getTime(), clock.now);
      for (const RestoreDateTime of [new Date(enabledAt - 1), new Date(clock.now + 1000)]) {
        const error = await rejection(
          client.send(restoreLedger({ TargetTableName: "Never", RestoreDateTime })),
        );
        assert.ok(error instanceof InvalidRestoreTimeException, error.name);
      }
      const taken = await rejection(
        client.send(restoreLedger({ TargetTableName: "LedgerNow", UseLatestRestorableTime: true })),
      );
      assert.ok(taken instanceof TableAlreadyExistsException, taken.name);
      const missing = await rejection(
        client.send(new CreateBackupCommand({ TableName: "Nowhere", BackupName: "x1y" })),
      );
      assert.ok(missing instanceof TableNotFoundException, missing.name);
      assert.equal(missing.message, "Table not found: Nowhere");

      // Deleting the table keeps its last state as a SYSTEM backup, restorable for 35 days.
      await client.send(new DeleteTableCommand({ TableName: "Ledger" }));
      const { BackupSummaries } = await client.send(
        new ListBackupsCommand({ BackupType: "SYSTEM", TableName: "Ledger" }),
      );
      assert.equal(BackupSummaries.length, 1);
      assert.equal(BackupSummaries[0].BackupName, "Ledger$DeletedTableBackup");
      assert.equal(BackupSummaries[0].BackupExpiryDateTime.getTime(), clock.now + 35 * 86_400_000);
      const { BackupArn } = BackupSummaries[0];
      await client.send(new RestoreTableFromBackupCommand({ TargetTableName: "LedgerBack", BackupArn }));
      const Key = { pk: { S: "b" }, sk: { N: "2" } };
      const back = await client.send(new GetItemCommand({ TableName: "LedgerBack", Key }));
      assert.equal(back.Item.city.S, "Rome");
    });
  });
}

describe("backups survive reopening a database folder", () => {
  test("a backup and a point-in-time history come back after close and open", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shoaldb-backup-"));
    try {
      const clock = { now: T0 };
      let db = await ShoalDB.open({ storage: "fs", path: dir, clock: () => clock.now });
      await db.createTable(indexedTable("Kept"));
      await db.execute("UpdateContinuousBackups", {
        TableName: "Kept",
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
      clock.now += 1000;
      await db.execute("PutItem", { TableName: "Kept", Item: item("k", 1, "Oslo", { v: { S: "old" } }) });
      const { BackupDetails } = await db.execute("CreateBackup", { TableName: "Kept", BackupName: "before-close" });
      clock.now += 1000;
      await db.execute("PutItem", { TableName: "Kept", Item: item("k", 1, "Oslo", { v: { S: "new" } }) });
      await db.close();

      db = await ShoalDB.open({ storage: "fs", path: dir, clock: () => clock.now });
      try {
        const { BackupArn } = BackupDetails;
        await db.execute("RestoreTableFromBackup", { TargetTableName: "FromBackup", BackupArn });
        await db.execute("RestoreTableToPointInTime", {
          SourceTableName: "Kept",
          TargetTableName: "FromPitr",
          RestoreDateTime: (T0 + 1500) / 1000,
        });
        for (const table of ["FromBackup", "FromPitr"]) {
          const { Item } = await db.execute("GetItem", { TableName: table, Key: { pk: { S: "k" }, sk: { N: "1" } } });
          assert.equal(Item.v.S, "old", table);
        }
      } finally {
        await db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("pointInTimeRecovery bounds what a history keeps", async () => {
    const clock = { now: T0 };
    const pointInTimeRecovery = { retentionDays: 1 };
    const db = await ShoalDB.open({ storage: "memory", clock: () => clock.now, pointInTimeRecovery });
    try {
      await db.createTable(indexedTable("Short"));
      await db.execute("UpdateContinuousBackups", {
        TableName: "Short",
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
      clock.now += 3 * 86_400_000;
      const d = await db.execute("DescribeContinuousBackups", { TableName: "Short" });
      const pitr = d.ContinuousBackupsDescription.PointInTimeRecoveryDescription;
      const { EarliestRestorableDateTime, RecoveryPeriodInDays } = pitr;
      assert.equal(EarliestRestorableDateTime * 1000, clock.now - 86_400_000);
      assert.equal(RecoveryPeriodInDays, 35); // the table's setting; the engine's bound is tighter
    } finally {
      await db.close();
    }
    await assert.rejects(ShoalDB.open({ pointInTimeRecovery: { retentionDays: 40 } }), RangeError);
    await assert.rejects(ShoalDB.open({ clock: 5 }), TypeError);
  });
});

// --- export and import ----------------------------------------------------------------------

function run(...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
  });
}

// Every attribute type, nested, with numbers at DynamoDB's edges and binary that is not UTF-8.
function everyType(i) {
  return {
    pk: { S: `item#${i} ünïcødé 中` },
    sk: { N: String(i) },
    n: { N: "12345678901234567890123456789012345678" },
    tiny: { N: "-1E-130" },
    b: { B: Buffer.from([0, 255, 128, i]).toString("base64") },
    yes: { BOOL: i % 2 === 0 },
    nothing: { NULL: true },
    ss: { SS: ["a", "b", `c${i}`] },
    ns: { NS: ["1", "2.5", "-3E+10"] },
    bs: { BS: [Buffer.from([1]).toString("base64"), Buffer.from([2, 3]).toString("base64")] },
    m: { M: { inner: { L: [{ S: "x" }, { N: "1" }, { M: { deep: { NULL: true } } }] }, empty: { M: {} } } },
    l: { L: [{ BOOL: false }, { SS: ["z"] }, { L: [] }] },
    quote: { S: 'line\nbreak "quoted" \\ back' },
  };
}

async function scanAll(db, TableName) {
  const items = [];
  let ExclusiveStartKey;
  do {
    const page = await db.execute("Scan", { TableName, ExclusiveStartKey, ConsistentRead: true });
    items.push(...page.Items);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

const plainTable = (TableName) => ({
  TableName,
  BillingMode: "PAY_PER_REQUEST",
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
});

describe("export and import: DynamoDB JSON lines", () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "shoaldb-export-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("the CLI round-trips a table with every attribute type through a database folder", async () => {
    const source = join(dir, "source");
    const copy = join(dir, "copy");
    let db = await ShoalDB.open({ storage: "fs", path: source });
    await db.createTable(plainTable("Every"));
    for (let i = 0; i < 60; i++) await db.execute("PutItem", { TableName: "Every", Item: everyType(i) });
    const original = await scanAll(db, "Every");
    await db.close();
    db = await ShoalDB.open({ storage: "fs", path: copy });
    await db.createTable(plainTable("Copy"));
    await db.close();

    const file = join(dir, "every.json");
    const exported = await run("export", "Every", file, "--storage", source);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stderr, /exported 60 items of Every/);
    const lines = readFileSync(file, "utf8").split("\n");
    assert.equal(lines.pop(), "", "every line ends in a newline");
    assert.equal(lines.length, 60);
    assert.deepEqual(JSON.parse(lines[0]), { Item: original[0] }, "one {\"Item\": ...} per line, in DynamoDB JSON");

    const imported = await run("import", file, "Copy", "--storage", copy);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stderr, /imported 60 items into Copy/);
    db = await ShoalDB.open({ storage: "fs", path: copy });
    try {
      assert.deepEqual(await scanAll(db, "Copy"), original);
    } finally {
      await db.close();
    }
  });

  test("gzip files, an endpoint, and errors that name the line", async () => {
    const db = await ShoalDB.open({ storage: "memory" });
    const endpoint = await startServer({ db, port: 0, host: "127.0.0.1" });
    try {
      await db.createTable(plainTable("Src"));
      await db.createTable(plainTable("Dst"));
      for (let i = 0; i < 30; i++) await db.execute("PutItem", { TableName: "Src", Item: everyType(i) });
      const gz = join(dir, "src.json.gz");
      const exported = await run("export", "Src", gz, "--endpoint", endpoint.url);
      assert.equal(exported.code, 0, exported.stderr);
      assert.equal(gunzipSync(readFileSync(gz)).toString("utf8").split("\n").length, 31);
      const imported = await run("import", gz, "Dst", "--endpoint", endpoint.url);
      assert.equal(imported.code, 0, imported.stderr);
      assert.deepEqual(await scanAll(db, "Dst"), await scanAll(db, "Src"));

      const bad = join(dir, "bad.json");
      writeFileSync(bad, `${JSON.stringify({ Item: everyType(100) })}\n\nnot json\n`);
      const badJson = await run("import", bad, "Dst", "--endpoint", endpoint.url, "--quiet");
      assert.equal(badJson.code, 1);
      assert.match(badJson.stderr, /line 3: not valid JSON/);
      const noSortKey = { Item: { pk: { S: "no sort key" } } };
      writeFileSync(bad, `${JSON.stringify({ Item: everyType(101) })}\n${JSON.stringify(noSortKey)}\n`);
      const badItem = await run("import", bad, "Dst", "--endpoint", endpoint.url, "--quiet");
      assert.equal(badItem.code, 1);
      assert.match(badItem.stderr, /line 2: .*Missing the key sk/);
      const noTable = await run("export", "Nope", join(dir, "x.json"), "--endpoint", endpoint.url);
      assert.equal(noTable.code, 1);
      assert.match(noTable.stderr, /Requested resource not found/);
      const misuses = [
        ["export", "Src"],
        ["export", "Src", "f.json"],
        ["import", "f.json", "Dst", "--storage", "a", "--endpoint", "b"],
      ];
      for (const args of misuses) {
        const usage = await run(...args);
        assert.equal(usage.code, 2, args.join(" "));
        assert.match(usage.stderr, /Usage: shoaldb/);
      }
    } finally {
      await endpoint.close();
      await db.close();
    }
  });

  test("db.exportTable and db.importTable: lines in, lines out, a repeated key's later line wins", async () => {
    const db = await ShoalDB.open({ storage: "memory" });
    try {
      await db.createTable(plainTable("TblA"));
      await db.createTable(plainTable("TblB"));
      for (let i = 0; i < 70; i++) await db.execute("PutItem", { TableName: "TblA", Item: everyType(i) });
      const progress = [];
      const onProgress = (p) => progress.push(p.items);
      const result = await db.importTable("TblB", db.exportTable("TblA"), { onProgress });
      assert.deepEqual(result, { lines: 70, items: 70 });
      assert.deepEqual(progress, [25, 50, 70]);
      assert.deepEqual(await scanAll(db, "TblB"), await scanAll(db, "TblA"));

      const twice = [
        JSON.stringify({ Item: { pk: { S: "k" }, sk: { N: "1" }, v: { S: "first" } } }),
        JSON.stringify({ Item: { pk: { S: "k" }, sk: { N: "1" }, v: { S: "second" } } }),
      ].join("\r\n");
      assert.deepEqual(await db.importTable("TblB", new TextEncoder().encode(twice)), { lines: 2, items: 2 });
      const { Item } = await db.execute("GetItem", { TableName: "TblB", Key: { pk: { S: "k" }, sk: { N: "1" } } });
      assert.equal(Item.v.S, "second");
      await assert.rejects(db.importTable("Missing", "{}\n"), { name: "ResourceNotFoundException" });
    } finally {
      await db.close();
    }
  });

  test("the progress bar draws on a terminal and stays silent elsewhere", () => {
    const written = [];
    let t = 0;
    const tty = { isTTY: true, columns: 100, write: (s) => written.push(s) };
    const bar = createProgress({ stream: tty, label: "import T", total: 200, now: () => t });
    bar.update(50, "10 items");
    t += 50;
    bar.update(60); // within 100 ms of the last draw: skipped
    t += 250;
    bar.update(100, "20 items");
    bar.done(200, "40 items");
    assert.equal(written.length, 4);
    assert.match(written[0], /^\rimport T \[#+-+\]  25% 50\/200 10 items 0\.0s\x1b\[K$/);
    assert.match(written[1], / 50% 100\/200 20 items 0\.3s/);
    assert.match(written[2], /\[#+\] 100% 200\/200 40 items/);
    assert.equal(written[3], "\n");
    const pipe = { isTTY: false, write: () => assert.fail("wrote to a pipe") };
    const quiet = createProgress({ stream: pipe, label: "x", total: 1 });
    quiet.update(1);
    quiet.done(1);
  });
});
