// ElectroDB (npm "electrodb", unchanged) running a small single-table model against ShoalDB through
// the AWS SDK v3, over both transports: two entities sharing a table, a collection across them on a
// GSI, and the calls an application makes (create, get, patch, update with conditions, upsert,
// queries with sort-key conditions and cursors, scan, delete/remove, batch get/write, transactions).
import assert from "node:assert/strict";
import { CreateTableCommand, DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { ElectroError, Entity, Service } from "electrodb";
import { after, before, describe, test } from "node:test";
import { rejection, transports } from "./transports.js";

const TABLE = "electro-corp";

function model(client) {
  const employee = new Entity(
    {
      model: { entity: "employee", version: "1", service: "corp" },
      attributes: {
        employeeId: { type: "string", required: true },
        office: { type: "string", required: true },
        name: { type: "string", required: true },
        title: { type: "string" },
        salary: { type: "number", default: 0 },
        skills: { type: "set", items: "string" },
        projects: { type: "list", items: { type: "string" } },
        startDate: { type: "string", required: true },
        status: { type: ["active", "inactive"], default: "active" },
        profile: { type: "map", properties: { city: { type: "string" }, floor: { type: "number" } } },
      },
      indexes: {
        records: {
          pk: { field: "pk", composite: ["employeeId"] },
          sk: { field: "sk", composite: [] },
        },
        workplace: {
          index: "gsi1",
          collection: "workplace",
          pk: { field: "gsi1pk", composite: ["office"] },
          sk: { field: "gsi1sk", composite: ["startDate", "employeeId"] },
        },
      },
    },
    { client, table: TABLE },
  );
  const office = new Entity(
    {
      model: { entity: "office", version: "1", service: "corp" },
      attributes: {
        office: { type: "string", required: true },
        country: { type: "string", required: true },
        city: { type: "string", required: true },
        capacity: { type: "number" },
      },
      indexes: {
        locations: {
          pk: { field: "pk", composite: ["country"] },
          sk: { field: "sk", composite: ["city", "office"] },
        },
        workplace: {
          index: "gsi1",
          collection: "workplace",
          pk: { field: "gsi1pk", composite: ["office"] },
          sk: { field: "gsi1sk", composite: [] },
        },
      },
    },
    { client, table: TABLE },
  );
  const service = new Service({ employee, office }, { client, table: TABLE });
  return { employee, office, service };
}

const people = [
  { employeeId: "e1", office: "HQ", name: "Ada", title: "engineer", salary: 100, startDate: "2020-03-01", skills: ["c++", "js"] },
  { employeeId: "e2", office: "HQ", name: "Grace", title: "admiral", salary: 200, startDate: "2021-06-15" },
  { employeeId: "e3", office: "HQ", name: "Edsger", title: "engineer", salary: 150, startDate: "2021-11-30" },
  { employeeId: "e4", office: "Lab", name: "Barbara", title: "engineer", salary: 120, startDate: "2022-01-10" },
  { employeeId: "e5", office: "HQ", name: "Donald", title: "author", salary: 90, startDate: "2023-02-01" },
];
const offices = [
  { office: "HQ", country: "FR", city: "Paris", capacity: 50 },
  { office: "Lab", country: "FR", city: "Lyon", capacity: 10 },
  { office: "Annex", country: "FR", city: "Pau", capacity: 5 },
  { office: "West", country: "US", city: "Portland", capacity: 20 },
];

const byId = (a, b) => (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0);

for (const [transport, open] of Object.entries(transports)) {
  describe(`ElectroDB via the ${transport}`, () => {
    let target;
    let client;
    let employee;
    let office;
    let service;

    before(async () => {
      target = await open();
      client = new DynamoDBClient(target.config);
      await client.send(
        new CreateTableCommand({
          TableName: TABLE,
          KeySchema: [
            { AttributeName: "pk", KeyType: "HASH" },
            { AttributeName: "sk", KeyType: "RANGE" },
          ],
          AttributeDefinitions: ["pk", "sk", "gsi1pk", "gsi1sk"].map((AttributeName) => ({ AttributeName, AttributeType: "S" })),
          GlobalSecondaryIndexes: [
            {
              IndexName: "gsi1",
              KeySchema: [
                { AttributeName: "gsi1pk", KeyType: "HASH" },
                { AttributeName: "gsi1sk", KeyType: "RANGE" },
              ],
              Projection: { ProjectionType: "ALL" },
            },
          ],
          BillingMode: "PAY_PER_REQUEST",
        }),
      );
      ({ employee, office, service } = model(client));
      for (const person of people) await employee.create(person).go();
      // Offices go in with one BatchWriteItem.
      const { unprocessed } = await office.put(offices).go();
      assert.deepEqual(unprocessed, []);
    });
    after(async () => {
      client.destroy();
      await target.close();
    });

    test("create writes ElectroDB's keys and refuses a duplicate (attribute_not_exists condition)", async () => {
      const { Items } = await client.send(new ScanCommand({ TableName: TABLE, FilterExpression: "employeeId = :id", ExpressionAttributeValues: { ":id": { S: "e1" } } }));
      assert.equal(Items.length, 1);
      assert.equal(Items[0].pk.S, "$corp#employeeid_e1");
      assert.equal(Items[0].sk.S, "$employee_1");
      assert.equal(Items[0].gsi1pk.S, "$corp#office_hq");
      assert.equal(Items[0].gsi1sk.S, "$workplace#employee_1#startdate_2020-03-01#employeeid_e1");
      assert.equal(Items[0].__edb_e__.S, "employee");

      const error = await rejection(employee.create(people[0]).go());
      assert.ok(error instanceof ElectroError, `got ${error}`);
      assert.match(error.message, /The conditional request failed/);
      assert.equal(error.cause?.name, "ConditionalCheckFailedException");
    });

    test("get returns the entity's attributes only", async () => {
      const { data } = await employee.get({ employeeId: "e1" }).go();
      assert.deepEqual(data, { ...people[0], status: "active" });
      const missing = await employee.get({ employeeId: "nobody" }).go();
      assert.equal(missing.data, null);
      const some = await employee.get({ employeeId: "e2" }).go({ attributes: ["name", "salary"] });
      assert.deepEqual(some.data, { name: "Grace", salary: 200 });
    });

    test("patch updates an existing item and refuses a missing one (attribute_exists condition)", async () => {
      const { data } = await employee.patch({ employeeId: "e2" }).set({ title: "rear admiral" }).add({ salary: 25 }).go({ response: "all_new" });
      assert.equal(data.title, "rear admiral");
      assert.equal(data.salary, 225);
      const error = await rejection(employee.patch({ employeeId: "ghost" }).set({ title: "x" }).go());
      assert.ok(error instanceof ElectroError);
      assert.equal(error.cause?.name, "ConditionalCheckFailedException");
      assert.equal((await employee.get({ employeeId: "ghost" }).go()).data, null, "patch did not create the item");
    });

    test("update with set/add/subtract/append/remove/delete and a where() condition", async () => {
      await employee.create({ employeeId: "u1", office: "Lab", name: "Alan", startDate: "2024-01-01", salary: 10, skills: ["math", "crypto"], projects: ["bombe"], profile: { floor: 2 } }).go();
      const { data } = await employee
        .update({ employeeId: "u1" })
        .set({ title: "mathematician" })
        .add({ salary: 5 })
        .data(({ profile }, { subtract }) => subtract(profile.floor, 2))
        .append({ projects: ["ace"] })
        .delete({ skills: ["crypto"] })
        .where(({ status, salary }, { eq, gte }) => `${eq(status, "active")} AND ${gte(salary, 10)}`)
        .go({ response: "all_new" });
      assert.equal(data.title, "mathematician");
      assert.equal(data.salary, 15);
      assert.deepEqual(data.profile, { floor: 0 });
      assert.deepEqual(data.projects, ["bombe", "ace"]);
      assert.deepEqual(data.skills, ["math"]);

      const removed = await employee.update({ employeeId: "u1" }).remove(["title"]).set({ status: "inactive" }).go({ response: "all_new" });
      assert.equal(removed.data.title, undefined);
      assert.equal(removed.data.status, "inactive");

      // The condition no longer holds: the update is refused and the item is unchanged.
      const error = await rejection(
        employee
          .update({ employeeId: "u1" })
          .set({ title: "again" })
          .where(({ status }, { eq }) => eq(status, "active"))
          .go(),
      );
      assert.equal(error.cause?.name, "ConditionalCheckFailedException");
      assert.equal((await employee.get({ employeeId: "u1" }).go()).data.title, undefined);

      // returnOnConditionCheckFailure: ElectroDB reads the Item ShoalDB puts on the exception.
      const rejected = await employee
        .update({ employeeId: "u1" })
        .set({ title: "again" })
        .where(({ status }, { eq }) => eq(status, "active"))
        .go({ returnOnConditionCheckFailure: "all_old" });
      assert.equal(rejected.rejected, true);
      assert.equal(rejected.data?.employeeId, "u1");
      assert.equal(rejected.data?.status, "inactive");
    });

    test("nested map attributes and upsert", async () => {
      const up = await employee.upsert({ employeeId: "m1", office: "Lab", name: "Mary", startDate: "2024-05-05", profile: { city: "Oslo", floor: 3 } }).go({ response: "all_new" });
      assert.deepEqual(up.data.profile, { city: "Oslo", floor: 3 });
      const { data } = await employee
        .patch({ employeeId: "m1" })
        .data(({ profile }, { set }) => set(profile.floor, 4))
        .go({ response: "all_new" });
      assert.deepEqual(data.profile, { city: "Oslo", floor: 4 });
    });

    test("query on the GSI with sort-key conditions: begins, between, gt, gte, lt, lte", async () => {
      const ids = ({ data }) => data.map((e) => e.employeeId);
      assert.deepEqual(ids(await employee.query.workplace({ office: "HQ" }).go()), ["e1", "e2", "e3", "e5"]);
      assert.deepEqual(ids(await employee.query.workplace({ office: "HQ" }).begins({ startDate: "2021" }).go()), ["e2", "e3"]);
      assert.deepEqual(
        ids(await employee.query.workplace({ office: "HQ" }).between({ startDate: "2021-01-01" }, { startDate: "2023-12-31" }).go()),
        ["e2", "e3", "e5"],
      );
      // With the whole sort-key composite, the comparisons are exact.
      const e2 = { startDate: "2021-06-15", employeeId: "e2" };
      assert.deepEqual(ids(await employee.query.workplace({ office: "HQ" }).gt(e2).go()), ["e3", "e5"]);
      assert.deepEqual(ids(await employee.query.workplace({ office: "HQ" }).gte(e2).go()), ["e2", "e3", "e5"]);
      assert.deepEqual(ids(await employee.query.workplace({ office: "HQ" }).lt(e2).go()), ["e1"]);
      assert.deepEqual(ids(await employee.query.workplace({ office: "HQ" }).lte(e2).go()), ["e1", "e2"]);
      // With a prefix of it, they compare key strings: "...#startdate_2021-06-15#employeeid_e2" sorts after
      // "...#startdate_2021-06-15", as on DynamoDB.
      assert.deepEqual(ids(await employee.query.workplace({ office: "HQ" }).gt({ startDate: "2021-06-15" }).go()), ["e2", "e3", "e5"]);
      assert.deepEqual(ids(await employee.query.workplace({ office: "HQ" }).lte({ startDate: "2021-06-15" }).go()), ["e1"]);
      assert.deepEqual(ids(await employee.query.workplace({ office: "HQ", startDate: "2021-11-30" }).go()), ["e3"]);
      assert.deepEqual(ids(await employee.query.workplace({ office: "HQ" }).go({ order: "desc" })), ["e5", "e3", "e2", "e1"]);
      // A filter through where(): FilterExpression.
      assert.deepEqual(
        ids(await employee.query.workplace({ office: "HQ" }).where(({ title }, { eq }) => eq(title, "engineer")).go()),
        ["e1", "e3"],
      );
    });

    test("query on the table index with sort-key conditions on a composite of two attributes", async () => {
      const names = ({ data }) => data.map((o) => o.office);
      assert.deepEqual(names(await office.query.locations({ country: "FR" }).go()), ["Lab", "HQ", "Annex"]);
      assert.deepEqual(names(await office.query.locations({ country: "FR" }).begins({ city: "Pa" }).go()), ["HQ", "Annex"]);
      assert.deepEqual(names(await office.query.locations({ country: "FR", city: "Paris" }).go()), ["HQ"]);
      assert.deepEqual(names(await office.query.locations({ country: "US" }).go()), ["West"]);
    });

    test("pages with cursors and pages: 'all'", async () => {
      const first = await employee.query.workplace({ office: "HQ" }).go({ limit: 3 });
      assert.equal(first.data.length, 3);
      assert.equal(typeof first.cursor, "string");
      const rest = await employee.query.workplace({ office: "HQ" }).go({ cursor: first.cursor });
      assert.deepEqual(
        [...first.data, ...rest.data].map((e) => e.employeeId),
        ["e1", "e2", "e3", "e5"],
      );
      assert.equal(rest.cursor, null);
      const all = await employee.query.workplace({ office: "HQ" }).go({ limit: 1, pages: "all" });
      assert.deepEqual(all.data.map((e) => e.employeeId), ["e1", "e2", "e3", "e5"]);
    });

    test("the workplace collection: both entities of one office in one query", async () => {
      const { data } = await service.collections.workplace({ office: "HQ" }).go();
      assert.deepEqual(data.office, [offices[0]]);
      assert.deepEqual(data.employee.map((e) => e.employeeId), ["e1", "e2", "e3", "e5"]);
      const lab = await service.collections.workplace({ office: "Lab" }).where(({ salary }, { gt }) => gt(salary, 100)).go();
      assert.deepEqual(lab.data.employee.map((e) => e.employeeId), ["e4"]);
    });

    test("scan returns each entity's items only", async () => {
      const { data } = await office.scan.go({ pages: "all" });
      assert.deepEqual(data.map((o) => o.office).sort(), ["Annex", "HQ", "Lab", "West"]);
      const engineers = await employee.scan.where(({ title }, { eq }) => eq(title, "engineer")).go({ pages: "all" });
      assert.deepEqual(engineers.data.map((e) => e.employeeId).sort(), ["e1", "e3", "e4"]);
    });

    test("batch get (BatchGetItem) and batch delete (BatchWriteItem)", async () => {
      const { data, unprocessed } = await employee.get([{ employeeId: "e1" }, { employeeId: "e4" }, { employeeId: "nobody" }]).go();
      assert.deepEqual(unprocessed, []);
      assert.deepEqual(data.sort(byId).map((e) => e.name), ["Ada", "Barbara"]);
      const officesBack = await office.get(offices.map(({ country, city, office: name }) => ({ country, city, office: name }))).go();
      assert.equal(officesBack.data.length, 4);

      await employee.put([
        { employeeId: "b1", office: "Tmp", name: "T1", startDate: "2025-01-01" },
        { employeeId: "b2", office: "Tmp", name: "T2", startDate: "2025-01-02" },
      ]).go();
      assert.equal((await employee.query.workplace({ office: "Tmp" }).go()).data.length, 2);
      const deleted = await employee.delete([{ employeeId: "b1" }, { employeeId: "b2" }]).go();
      assert.deepEqual(deleted.unprocessed, []);
      assert.deepEqual((await employee.query.workplace({ office: "Tmp" }).go()).data, []);
    });

    test("transactions: write (TransactWriteItems) and get (TransactGetItems)", async () => {
      await service.transaction
        .write(({ employee: e, office: o }) => [
          e.create({ employeeId: "t1", office: "Annex", name: "Tim", startDate: "2025-03-03" }).commit(),
          o.patch({ country: "FR", city: "Pau", office: "Annex" }).add({ capacity: 1 }).commit(),
        ])
        .go();
      const { data } = await service.transaction
        .get(({ employee: e, office: o }) => [e.get({ employeeId: "t1" }).commit(), o.get({ country: "FR", city: "Pau", office: "Annex" }).commit()])
        .go();
      assert.equal(data[0].item.name, "Tim");
      assert.equal(data[1].item.capacity, 6);

      // One failed condition cancels the whole transaction; ElectroDB reads CancellationReasons.
      const result = await service.transaction
        .write(({ employee: e, office: o }) => [
          e.create({ employeeId: "t1", office: "Annex", name: "Again", startDate: "2025-03-03" }).commit(),
          o.patch({ country: "FR", city: "Pau", office: "Annex" }).add({ capacity: 100 }).commit(),
        ])
        .go();
      assert.equal(result.canceled, true);
      assert.deepEqual(
        result.data.map(({ rejected, code, message }) => ({ rejected, code, message })),
        [
          { rejected: true, code: "ConditionalCheckFailed", message: "The conditional request failed" },
          { rejected: false, code: "None", message: undefined },
        ],
      );
      const office2 = await office.get({ country: "FR", city: "Pau", office: "Annex" }).go();
      assert.equal(office2.data.capacity, 6, "no part of the cancelled transaction was applied");
    });

    test("delete and remove (remove refuses a missing item)", async () => {
      await employee.create({ employeeId: "d1", office: "Lab", name: "Del", startDate: "2025-04-04" }).go();
      const { data } = await employee.delete({ employeeId: "d1" }).go({ response: "all_old" });
      assert.equal(data.name, "Del");
      assert.equal((await employee.get({ employeeId: "d1" }).go()).data, null);
      const error = await rejection(employee.remove({ employeeId: "d1" }).go());
      assert.equal(error.cause?.name, "ConditionalCheckFailedException");
      // delete (unconditional) of a missing item is fine
      await employee.delete({ employeeId: "d1" }).go();
    });
  });
}
