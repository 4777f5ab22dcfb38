// Table-level reads that several views share.

/** Every table name, following ListTables' pages. */
export async function listTableNames(run) {
  const names = [];
  let ExclusiveStartTableName;
  do {
    const page = await run("ListTables", ExclusiveStartTableName ? { ExclusiveStartTableName } : {});
    names.push(...page.TableNames);
    ExclusiveStartTableName = page.LastEvaluatedTableName;
  } while (ExclusiveStartTableName);
  return names;
}

/** DescribeTable of every table (a table deleted meanwhile is left out). */
export async function describeAllTables(run) {
  const names = await listTableNames(run);
  const tables = await Promise.all(
    names.map((TableName) =>
      run("DescribeTable", { TableName }).then(
        (r) => r.Table,
        (error) => {
          if (error.type === "ResourceNotFoundException") return null;
          throw error;
        },
      ),
    ),
  );
  return tables.filter(Boolean);
}

export async function describeTable(run, TableName) {
  return (await run("DescribeTable", { TableName })).Table;
}

/** "On-demand" or "Provisioned" as a table's billing mode reads. */
export function billingModeLabel(table) {
  return table.BillingModeSummary?.BillingMode === "PAY_PER_REQUEST" ? "On-demand" : "Provisioned";
}

export function tableHref(name, page = "") {
  return `#/tables/${encodeURIComponent(name)}${page ? `/${page}` : ""}`;
}

export function itemHref(tableName, key) {
  return `#/tables/${encodeURIComponent(tableName)}/item?key=${encodeURIComponent(JSON.stringify(key))}`;
}
