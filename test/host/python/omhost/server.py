"""Checks of a generated SQLAlchemy connector against a real database server.

The server comes from .ci/postgres.sh or .ci/mariadb.sh (its URL in the case's "server", the
checks to run in "serverChecks"); the PostgreSQL schema seeded here has tables, a view, a
primary and a foreign key and several column types. Only the OpenMetadata client is mocked
(checks.mocked_metadata): the engine, the dialect, the inspector, the host's test-connection
runner and its lineage and usage sources are real.
"""
import copy
from urllib.parse import unquote, urlsplit

from omhost import checks

SCHEMA = "omhost_seed"

SEED = f"""
DROP SCHEMA IF EXISTS {SCHEMA} CASCADE;
CREATE SCHEMA {SCHEMA};
CREATE TABLE {SCHEMA}.customers (
    id integer PRIMARY KEY,
    name varchar(80) NOT NULL,
    email text,
    created_at timestamp,
    active boolean
);
COMMENT ON TABLE {SCHEMA}.customers IS 'People who order';
CREATE TABLE {SCHEMA}.orders (
    id bigint PRIMARY KEY,
    customer_id integer REFERENCES {SCHEMA}.customers (id),
    amount numeric(10, 2),
    ordered_on date
);
CREATE VIEW {SCHEMA}.order_totals AS
    SELECT customer_id, sum(amount) AS total FROM {SCHEMA}.orders GROUP BY customer_id;
"""

# What the seed declares, as OpenMetadata's column model names it.
EXPECTED_TABLES = {
    "customers": ("Regular", {"id": "INT", "name": "VARCHAR", "email": "TEXT", "created_at": "TIMESTAMP", "active": "BOOLEAN"}),
    "orders": ("Regular", {"id": "BIGINT", "customer_id": "INT", "amount": "NUMERIC", "ordered_on": "DATE"}),
    "order_totals": ("View", {"customer_id": "INT", "total": "NUMERIC"}),
}


def _is_postgres(url: str) -> bool:
    return urlsplit(url).scheme.startswith("postgres")


def seed(url: str) -> None:
    """The PostgreSQL seed (the topology check reads it); a MariaDB server is used as it is."""
    if not _is_postgres(url):
        return
    import psycopg2

    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute(SEED)
    conn.close()


def _run_on_server(url: str, statements) -> None:
    """Statements through the venv's own driver, outside OpenMetadata (psycopg2 or PyMySQL), committed."""
    parts = urlsplit(url)
    if _is_postgres(url):
        import psycopg2

        conn = psycopg2.connect(url)
    else:
        import pymysql

        conn = pymysql.connect(host=parts.hostname, port=parts.port, user=unquote(parts.username),
                               password=unquote(parts.password), database=parts.path.lstrip("/"))
    try:
        with conn.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        conn.commit()
    finally:
        conn.close()


def server_source_config(case):
    """The unit test's workflow source, pointed at the server and filtered to the seeded schema."""
    url = urlsplit(case["server"]["url"])
    source = copy.deepcopy(checks.workflow_config(case)["source"])
    connection = source["serviceConnection"]["config"]
    connection.update({
        "hostPort": f"{url.hostname}:{url.port}",
        "username": unquote(url.username),
        "authType": {"password": unquote(url.password)},
        "databaseName": url.path.lstrip("/"),
    })
    source["sourceConfig"]["config"]["schemaFilterPattern"] = {"includes": [f"^{SCHEMA}$"]}
    return source


def _server_workflow(case):
    config = checks.workflow_config(case)
    config["source"] = server_source_config(case)
    return config


def check_server_test_connection(case):
    """The host's test-connection path, run against the server; every step (not only mandatory ones) passes."""
    from metadata.generated.schema.metadataIngestion.workflow import OpenMetadataWorkflowConfig

    seed(case["server"]["url"])
    service_connection = OpenMetadataWorkflowConfig.model_validate(_server_workflow(case)).source.serviceConnection.root.config
    metadata, definition = checks.mocked_metadata(case)
    steps = checks.test_connection_result(metadata, service_connection).steps
    failed = [f"{s.name}: {s.message or s.errorLog}" for s in steps if not s.passed]
    if failed:
        raise AssertionError("steps failed against the server: " + "; ".join(failed))
    expected = {s.name for s in definition.steps}
    if {s.name for s in steps} != expected:
        raise AssertionError(f"ran steps {[s.name for s in steps]}, the definition has {sorted(expected)}")
    return f"{len(steps)} steps passed against {service_connection.hostPort}: {', '.join(s.name for s in steps)}"


def _requests_of(source):
    """Walks the topology as the host's runner does, from get_database_names down to yield_table."""
    context = source.context.get()
    context.__dict__["database_service"] = "omhost_service"
    found = []
    for database in source.get_database_names():
        context.__dict__["database"] = database
        found += list(source.yield_database(database))
        for schema in source.get_database_schema_names():
            context.__dict__["database_schema"] = schema
            found += list(source.yield_database_schema(schema))
            for table_and_type in source.get_tables_name_and_type():
                found += list(source.yield_table(table_and_type))
    return found


def _table_problems(tables):
    problems = []
    for name, (table_type, columns) in EXPECTED_TABLES.items():
        table = tables.get(name)
        if table is None:
            problems.append(f"no CreateTableRequest for {name}")
            continue
        if table.tableType.value != table_type:
            problems.append(f"{name} is {table.tableType.value}, expected {table_type}")
        got = {c.name.root: c.dataType.value for c in table.columns}
        if got != columns:
            problems.append(f"{name} columns {got}, expected {columns}")
    customers = tables.get("customers")
    if customers is not None:
        keyed = [c.name.root for c in customers.columns if c.constraint and c.constraint.value == "PRIMARY_KEY"]
        keyed += [col for tc in customers.tableConstraints or [] if tc.constraintType.value == "PRIMARY_KEY" for col in tc.columns]
        if keyed != ["id"]:
            problems.append(f"customers primary key {keyed}, expected ['id']")
        if not customers.description or "People who order" not in customers.description.root:
            problems.append(f"customers description {customers.description}")
        name = next((c for c in customers.columns if c.name.root == "name"), None)
        if name is not None and name.dataLength != 80:
            problems.append(f"customers.name length {name.dataLength}, expected 80")
    return problems


def check_server_topology(case):
    """Source.create against the server, then the topology methods over the seeded schema."""
    from metadata.utils.service_spec.service_spec import import_source_class

    seed(case["server"]["url"])
    metadata, _ = checks.mocked_metadata(case)
    source_class = import_source_class(checks._service_type(case), case["sourceType"])
    source = source_class.create(server_source_config(case), metadata)
    try:
        eithers = _requests_of(source)
    finally:
        source.close()
    lefts = [e.left for e in eithers if e.left is not None]
    if lefts:
        raise AssertionError("Either.left: " + "; ".join(f"{l.name}: {l.error}" for l in lefts))
    by_kind = {}
    for either in eithers:
        by_kind.setdefault(type(either.right).__name__, []).append(either.right)
    databases = [r.name.root for r in by_kind.get("CreateDatabaseRequest", [])]
    schemas = [r.name.root for r in by_kind.get("CreateDatabaseSchemaRequest", [])]
    tables = {r.name.root: r for r in by_kind.get("CreateTableRequest", [])}
    problems = []
    expected_database = urlsplit(case["server"]["url"]).path.lstrip("/")
    if databases != [expected_database]:
        problems.append(f"databases {databases}, expected [{expected_database!r}]")
    if schemas != [SCHEMA]:
        problems.append(f"schemas {schemas}, expected [{SCHEMA!r}]")
    if sorted(tables) != sorted(EXPECTED_TABLES):
        problems.append(f"tables {sorted(tables)}, expected {sorted(EXPECTED_TABLES)}")
    problems += _table_problems(tables)
    if problems:
        raise AssertionError("; ".join(problems))
    return (
        f"{len(eithers)} requests, no Either.left: database {databases[0]}, schema {schemas[0]}, "
        + ", ".join(f"{n} ({t.tableType.value}, {len(t.columns)} columns)" for n, t in sorted(tables.items()))
    )


# A table the query-log check reads on the server first, then looks for among the statements the
# generated sources read back. A table and not an alias: pg_stat_statements keys a statement by its
# shape, in which names of relations count and aliases and constants do not.
MARKER = "omhost_query_log_marker"
MARKER_STATEMENTS = [f"CREATE TABLE IF NOT EXISTS {MARKER} (id integer)", f"SELECT count(*) FROM {MARKER}"]

# The pipeline of each source a query log feeds.
QUERY_LOG_PIPELINES = {"lineage": "DatabaseLineage", "usage": "DatabaseUsage"}


def _statements_read(source, kind):
    """The statements the host's own reader of a source yields (usage groups them in TableQueries)."""
    read = list(source.get_table_query())
    if kind == "usage":
        return [q.query for batch in read for q in batch.queries]
    return [q.query for q in read]


def check_server_query_log(case):
    """The generated lineage and usage sources, created by the host against the server, read the
    query history with the generated SQL: a statement run just before is among what they yield."""
    from metadata.utils.service_spec.service_spec import import_source_class

    url = case["server"]["url"]
    _run_on_server(url, MARKER_STATEMENTS)
    metadata, _ = checks.mocked_metadata(case)
    found = []
    for kind, pipeline in QUERY_LOG_PIPELINES.items():
        if not case["capabilities"].get(kind):
            continue
        config = server_source_config(case)
        config["type"] = f"{case['sourceType']}-{kind}"
        config["sourceConfig"] = {"config": {"type": pipeline, "queryLogDuration": 1, "resultLimit": 10000}}
        source_class = import_source_class(checks._service_type(case), config["type"])
        source = source_class.create(config, metadata)
        try:
            statements = _statements_read(source, kind)
        finally:
            source.close()
        if not any(MARKER_STATEMENTS[1] in (s or "") for s in statements):
            raise AssertionError(f"{kind}: {MARKER_STATEMENTS[1]!r}, run before, is not among the {len(statements)} statements read")
        found.append(f"{kind} read {len(statements)} statements")
    if not found:
        raise AssertionError("the case reads no query log (neither lineage nor usage)")
    return "; ".join(found) + ", the marker statement among them"


SERVER_CHECKS = {
    "server test connection": check_server_test_connection,
    "server topology": check_server_topology,
    "server query log": check_server_query_log,
}


def checks_with_server(case):
    """The usual checks, with test connection and create run against the server instead of SQLite
    (the server checks the case names)."""
    usual = {name: check for name, check in checks.CHECKS.items() if name not in ("test connection", "create")}
    return {**usual, **{name: SERVER_CHECKS[name] for name in case["serverChecks"]}}
