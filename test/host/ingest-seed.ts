/**
 * The schema the `metadata ingest` spec seeds into PostgreSQL, once: the same structure gives the
 * SQL that creates it and what the workflow must send to the server for it (tables, views, columns
 * as OpenMetadata types them, lengths, the primary key, descriptions). `seedProblems` compares the
 * requests the API stand-in recorded with it.
 */

export interface SeedColumn {
  name: string;
  /** the PostgreSQL type in CREATE TABLE; a varchar's length is read from it */
  sqlType: string;
  /** what OpenMetadata's column model calls it */
  dataType: string;
  primaryKey?: boolean;
  comment?: string;
}

export interface SeedTable {
  name: string;
  comment?: string;
  columns: SeedColumn[];
}

/** A view selecting some columns of one table: its columns keep the table's types. */
export interface SeedView {
  name: string;
  comment?: string;
  from: string;
  columns: string[];
}

export interface Seed {
  schema: string;
  tables: SeedTable[];
  views: SeedView[];
}

export const SEED: Seed = {
  schema: 'omhost_ingest',
  tables: [
    {
      name: 'customers',
      comment: 'People who place orders',
      columns: [
        { name: 'id', sqlType: 'integer', dataType: 'INT', primaryKey: true },
        { name: 'name', sqlType: 'varchar(80) NOT NULL', dataType: 'VARCHAR', comment: 'Full name' },
        { name: 'email', sqlType: 'varchar(254)', dataType: 'VARCHAR' },
        { name: 'balance', sqlType: 'numeric(12, 2)', dataType: 'NUMERIC' },
        { name: 'signed_up_at', sqlType: 'timestamp', dataType: 'TIMESTAMP' },
      ],
    },
    {
      name: 'orders',
      comment: 'One row per order',
      columns: [
        { name: 'order_id', sqlType: 'bigint', dataType: 'BIGINT', primaryKey: true },
        { name: 'customer_id', sqlType: 'integer', dataType: 'INT' },
        { name: 'amount', sqlType: 'numeric(10, 2)', dataType: 'NUMERIC', comment: 'Total in euros' },
        { name: 'status', sqlType: 'varchar(16)', dataType: 'VARCHAR' },
        { name: 'placed_at', sqlType: 'timestamp', dataType: 'TIMESTAMP' },
        { name: 'notes', sqlType: 'text', dataType: 'TEXT' },
      ],
    },
  ],
  views: [{ name: 'customer_contacts', comment: 'Who to write to', from: 'customers', columns: ['id', 'name', 'email'] }],
};

const quoteSql = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The SQL that (re)creates the seed's schema. */
export function seedSql(seed: Seed): string {
  const s = seed.schema;
  const lines = [`DROP SCHEMA IF EXISTS ${s} CASCADE;`, `CREATE SCHEMA ${s};`];
  for (const table of seed.tables) {
    const columns = table.columns.map((c) => `    ${c.name} ${c.sqlType}`);
    const keys = table.columns.filter((c) => c.primaryKey).map((c) => c.name);
    if (keys.length > 0) columns.push(`    PRIMARY KEY (${keys.join(', ')})`);
    lines.push(`CREATE TABLE ${s}.${table.name} (\n${columns.join(',\n')}\n);`);
    if (table.comment) lines.push(`COMMENT ON TABLE ${s}.${table.name} IS ${quoteSql(table.comment)};`);
    for (const c of table.columns.filter((col) => col.comment)) {
      lines.push(`COMMENT ON COLUMN ${s}.${table.name}.${c.name} IS ${quoteSql(c.comment!)};`);
    }
  }
  for (const view of seed.views) {
    lines.push(`CREATE VIEW ${s}.${view.name} AS SELECT ${view.columns.join(', ')} FROM ${s}.${view.from};`);
    if (view.comment) lines.push(`COMMENT ON VIEW ${s}.${view.name} IS ${quoteSql(view.comment)};`);
  }
  return `${lines.join('\n')}\n`;
}

/** A column as the workflow must report it. */
export interface ExpectedColumn {
  name: string;
  dataType: string;
  /** the declared length of a sized type (varchar(n)) */
  dataLength?: number;
  comment?: string;
}

/** A table or view as the workflow must report it. */
export interface ExpectedTable {
  name: string;
  tableType: 'Regular' | 'View';
  description: string | undefined;
  columns: ExpectedColumn[];
  primaryKey: string[];
}

const SIZED = /^(?:varchar|character varying)\((\d+)\)/;
const lengthOf = (sqlType: string): number | undefined => {
  const match = SIZED.exec(sqlType);
  return match ? Number(match[1]) : undefined;
};
const expectedColumn = (c: SeedColumn): ExpectedColumn => ({ name: c.name, dataType: c.dataType, dataLength: lengthOf(c.sqlType), comment: c.comment });

export function expectedTables(seed: Seed): ExpectedTable[] {
  const tables: ExpectedTable[] = seed.tables.map((t) => ({
    name: t.name,
    tableType: 'Regular',
    description: t.comment,
    columns: t.columns.map(expectedColumn),
    primaryKey: t.columns.filter((c) => c.primaryKey).map((c) => c.name),
  }));
  for (const view of seed.views) {
    const from = seed.tables.find((t) => t.name === view.from);
    if (!from) throw new Error(`view ${view.name} selects from ${view.from}, which the seed does not define`);
    const columns = view.columns.map((name) => {
      const column = from.columns.find((c) => c.name === name);
      if (!column) throw new Error(`view ${view.name} selects ${name}, which ${from.name} lacks`);
      // a view column has the type of the column it selects, not its comment
      return { ...expectedColumn(column), comment: undefined };
    });
    tables.push({ name: view.name, tableType: 'View', description: view.comment, columns, primaryKey: [] });
  }
  return tables;
}

/** One request the stand-in recorded (om_standin.py). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  status: number;
}

type Json = Record<string, unknown>;

/** The create requests sent for a collection, one by one (`PUT <collection>`) or in bulk (`PUT <collection>/bulk`). */
export function createRequests(requests: RecordedRequest[], collection: string): Json[] {
  const created: Json[] = [];
  // the recorded bodies are the JSON the host sent: one create request, or a list of them in bulk
  for (const r of requests) {
    if (r.method !== 'PUT') continue;
    if (r.path === collection) created.push(r.body as Json);
    else if (r.path === `${collection}/bulk`) created.push(...(r.body as Json[]));
  }
  return created;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** What differs between the recorded CreateTableRequests and the seed's tables and views. */
export function tableProblems(seed: Seed, tables: Json[]): string[] {
  const problems: string[] = [];
  const expected = expectedTables(seed);
  const sent = new Map(tables.map((t) => [String(t.name), t]));
  const names = (list: Iterable<string>): string => JSON.stringify([...list].sort());
  if (names(sent.keys()) !== names(expected.map((t) => t.name))) {
    problems.push(`tables ${names(sent.keys())}, the seed has ${names(expected.map((t) => t.name))}`);
  }
  for (const want of expected) {
    const got = sent.get(want.name);
    if (!got) continue;
    if (got.tableType !== want.tableType) problems.push(`${want.name}: tableType ${String(got.tableType)}, expected ${want.tableType}`);
    if (text(got.description) !== want.description) problems.push(`${want.name}: description ${JSON.stringify(got.description)}, expected ${JSON.stringify(want.description)}`);
    problems.push(...columnProblems(want, (got.columns as Json[] | undefined) ?? []));
    const keyed = primaryKeyOf(got);
    if (names(keyed) !== names(want.primaryKey)) problems.push(`${want.name}: primary key ${names(keyed)}, expected ${names(want.primaryKey)}`);
  }
  return problems;
}

function columnProblems(want: ExpectedTable, columns: Json[]): string[] {
  const problems: string[] = [];
  const gotNames = columns.map((c) => String(c.name));
  const wantNames = want.columns.map((c) => c.name);
  if (JSON.stringify(gotNames) !== JSON.stringify(wantNames)) problems.push(`${want.name}: columns ${JSON.stringify(gotNames)}, expected ${JSON.stringify(wantNames)}`);
  for (const column of want.columns) {
    const got = columns.find((c) => c.name === column.name);
    if (!got) continue;
    const where = `${want.name}.${column.name}`;
    if (got.dataType !== column.dataType) problems.push(`${where}: dataType ${String(got.dataType)}, expected ${column.dataType}`);
    if (column.dataLength !== undefined && got.dataLength !== column.dataLength) problems.push(`${where}: dataLength ${String(got.dataLength)}, expected ${column.dataLength}`);
    if (text(got.description) !== column.comment) problems.push(`${where}: description ${JSON.stringify(got.description)}, expected ${JSON.stringify(column.comment)}`);
  }
  return problems;
}

/** The primary key, as a column constraint (one column) or a table constraint. */
function primaryKeyOf(table: Json): string[] {
  const columns = (table.columns as Json[] | undefined) ?? [];
  const byColumn = columns.filter((c) => c.constraint === 'PRIMARY_KEY').map((c) => String(c.name));
  const constraints = (table.tableConstraints as Json[] | undefined) ?? [];
  const byTable = constraints.filter((c) => c.constraintType === 'PRIMARY_KEY').flatMap((c) => (c.columns as string[] | undefined) ?? []);
  return [...new Set([...byColumn, ...byTable])];
}

/** Seeds that differ from `seed` in one way each: the comparison must reject the requests of `seed` for every one. */
export function mutatedSeeds(seed: Seed): Array<[what: string, seed: Seed]> {
  const copy = (): Seed => JSON.parse(JSON.stringify(seed)) as Seed;
  const first = (s: Seed): SeedTable => s.tables[0]!;
  const mutate = (what: string, change: (s: Seed) => void): [string, Seed] => {
    const s = copy();
    change(s);
    return [what, s];
  };
  const sized = (s: Seed): SeedColumn => s.tables.flatMap((t) => t.columns).find((c) => lengthOf(c.sqlType) !== undefined)!;
  return [
    mutate('a column renamed', (s) => {
      const column = first(s).columns.find((c) => !s.views.some((v) => v.columns.includes(c.name)))!;
      column.name = `${column.name}_renamed`;
    }),
    mutate('a varchar length changed', (s) => void (sized(s).sqlType = sized(s).sqlType.replace(SIZED, (_, n: string) => `varchar(${Number(n) + 1})`))),
    mutate('a data type changed', (s) => void Object.assign(first(s).columns[0]!, { sqlType: 'bigint', dataType: 'BIGINT' })),
    mutate('the primary key moved', (s) => {
      const columns = first(s).columns;
      columns.forEach((c, i) => (c.primaryKey = i === 1));
    }),
    mutate('a table description changed', (s) => void (first(s).comment = `${first(s).comment ?? ''} (changed)`)),
    mutate('a column description dropped', (s) => {
      delete s.tables.flatMap((t) => t.columns).find((c) => c.comment)!.comment;
    }),
    mutate('a view became a table', (s) => {
      const view = s.views.shift()!;
      const from = s.tables.find((t) => t.name === view.from)!;
      s.tables.push({ name: view.name, comment: view.comment, columns: from.columns.filter((c) => view.columns.includes(c.name)).map((c) => ({ ...c, primaryKey: false, comment: undefined })) });
    }),
    mutate('a table added', (s) => void s.tables.push({ name: 'refunds', columns: [{ name: 'id', sqlType: 'integer', dataType: 'INT' }] })),
  ];
}
