// A cheap "has anything changed?" token for the console's open tabs: they poll it and reload what
// they show when it differs. Item changes are counted through db.subscribe, which sees every write
// to the database whatever its path (the HTTP endpoint, expiry by time to live, and later sync);
// table-level changes (create, delete, a new index) show in a signature of the table list.
// Subscriptions follow the table list, refreshed at each poll.

const MIN_RECOMPUTE_MS = 200; // polls from many tabs within this window share one answer

export function createChangeVersion(db) {
  let itemChanges = 0;
  const watched = new Map(); // table name -> unsubscribe
  let cached = null; // { at, version }

  async function tableSignature() {
    const parts = [];
    let ExclusiveStartTableName;
    do {
      const page = await db.execute("ListTables", ExclusiveStartTableName ? { ExclusiveStartTableName } : {});
      for (const name of page.TableNames) {
        const { Table } = await db.execute("DescribeTable", { TableName: name }).catch(() => ({ Table: null }));
        if (!Table) continue; // deleted between the two calls
        const indexes = [...(Table.GlobalSecondaryIndexes ?? []), ...(Table.LocalSecondaryIndexes ?? [])];
        const indexStates = indexes.map((i) => `${i.IndexName}:${i.IndexStatus}`);
        parts.push([name, Table.TableStatus, Table.CreationDateTime, indexStates]);
      }
      ExclusiveStartTableName = page.LastEvaluatedTableName;
    } while (ExclusiveStartTableName);
    return parts;
  }

  function follow(names) {
    for (const name of names) {
      if (!watched.has(name)) watched.set(name, db.subscribe(name, () => itemChanges++));
    }
    for (const [name, unsubscribe] of watched) {
      if (!names.includes(name)) {
        unsubscribe();
        watched.delete(name);
      }
    }
  }

  return {
    /** A string that differs from the last one whenever a table or an item has changed. */
    async current() {
      const now = Date.now();
      if (cached && now - cached.at < MIN_RECOMPUTE_MS) return cached.version;
      const signature = await tableSignature();
      follow(signature.map(([name]) => name));
      const version = `${itemChanges}-${fnv1a(JSON.stringify(signature))}`;
      cached = { at: now, version };
      return version;
    },
    /** Subscriptions end; the database stays open. */
    close() {
      for (const unsubscribe of watched.values()) unsubscribe();
      watched.clear();
    },
  };
}

function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
