"""Checks of a generated SQLAlchemy connector against a real database server.

The server comes from .ci/postgres.sh (its URL in the case's "server"); the schema seeded
here has tables, a view, a primary and a foreign key and several column types. Only the
OpenMetadata client is mocked (checks.mocked_metadata): the engine, the dialect, the
inspector and the host's test-connection runner are real.
"""
import copy
from unittest.mock import patch
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


def seed(url: str) -> None:
    import psycopg2

    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute(SEED)
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
    from metadata.ingestion.source import connections

    seed(case["server"]["url"])
    service_connection = OpenMetadataWorkflowConfig.model_validate(_server_workflow(case)).source.serviceConnection.root.config
    metadata, definition = checks.mocked_metadata(case)
    results = []
    real_raise = connections.raise_test_connection_exception

    def keep_result(result):
        results.append(result)
        real_raise(result)

    with patch.object(connections, "raise_test_connection_exception", side_effect=keep_result):
        connections.test_connection_common(metadata, connections.get_connection(service_connection), service_connection)
    if not results:
        raise AssertionError("the host's runner returned no result")
    steps = results[0].steps
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


def checks_with_server():
    """The usual checks, with test connection and create run against the server instead of SQLite."""
    usual = {name: check for name, check in checks.CHECKS.items() if name not in ("test connection", "create")}
    return {**usual, "server test connection": check_server_test_connection, "server topology": check_server_topology}
