"""
SQLAlchemy connection of the Clickhouse connector: the engine, and the
checks its test connection runs.

service_spec.py names the connection class; OpenMetadata's test-connection
runner asks it for checks() and calls one @check method per step of the
definition, in the definition's order. A failed step carries the diagnosis of
the first rule of CLICKHOUSE_ERRORS that recognises its error.
"""

import ssl

from sqlalchemy.engine import Engine

from metadata.core.connections.lifetime import Borrowed
from metadata.core.connections.test_connection import (
    ChecksProvider,
    ErrorPack,
    Evidence,
    Matcher,
    Matchers,
    chain_text,
    check,
    when,
)
from metadata.core.connections.test_connection.checks.database import (
    DatabaseStep,
    list_schemas,
    list_tables,
    list_views,
    ping,
)
from metadata.core.connections.test_connection.network import NETWORK_ERRORS
from metadata.generated.schema.entity.services.connections.database.clickhouseConnection import (
    ClickhouseConnection as ClickhouseConnectionConfig,
)
from metadata.ingestion.connections.builders import (
    create_generic_db_connection,
    get_connection_args_common,
    get_connection_url_common,
)
from metadata.ingestion.connections.connection import BaseConnection


def _says_any(*phrases: str) -> Matcher:
    """Recognises an error whose message, or a cause's, contains one of the phrases (lower case)."""
    return lambda error: any(phrase in chain_text(error) for phrase in phrases)


def _says_all(*phrases: str) -> Matcher:
    """Recognises an error whose message, or a cause's, contains every phrase (lower case)."""
    return lambda error: all(phrase in chain_text(error) for phrase in phrases)


# The driver's common failures, each with what to fix; the release's network
# diagnoses come after them.
CLICKHOUSE_ERRORS = ErrorPack(
    when(_says_any("authentication failed", "access denied", "login failed", "invalid password")).diagnose(
        "Authentication failed",
        fix="Check the username and the credentials in authType.",
    ),
    when(Matchers.any_of(_says_any("unknown database"), _says_all("database", "does not exist"))).diagnose(
        "Database not found",
        fix="Check databaseName and databaseSchema: they must exist and the user must be able to see them.",
    ),
    when(Matchers.any_of(Matchers.exception(ConnectionRefusedError), _says_any("connection refused"))).diagnose(
        "Cannot reach the server",
        fix="Check hostPort, that the server is running and listening there, and that the network lets ingestion reach it.",
    ),
    when(Matchers.any_of(Matchers.exception(ssl.SSLError), _says_any("ssl", "certificate"))).diagnose(
        "TLS/SSL connection error",
        fix="Check sslConfig against the server's TLS settings and certificate.",
    ),
).including(NETWORK_ERRORS)


class ClickhouseChecks:
    """One check per test-connection step, on the engine the connection owns (borrowed: never built or closed here)."""

    errors = CLICKHOUSE_ERRORS

    # left out when no databaseSchema is set and GetTables/GetViews pick the schema to list
    SYSTEM_SCHEMAS = frozenset({"information_schema"})

    def __init__(self, engine: Borrowed[Engine], schema: str | None) -> None:
        self._engine = engine
        self._schema = schema

    @check(DatabaseStep.CheckAccess)
    def check_access(self) -> Evidence:
        return ping(self._engine.client)

    @check(DatabaseStep.GetSchemas)
    def get_schemas(self) -> Evidence:
        return list_schemas(self._engine.client)

    @check(DatabaseStep.GetTables)
    def get_tables(self) -> Evidence:
        return list_tables(self._engine.client, self._schema, self.SYSTEM_SCHEMAS)

    @check(DatabaseStep.GetViews)
    def get_views(self) -> Evidence:
        return list_views(self._engine.client, self._schema, self.SYSTEM_SCHEMAS)

    @check(DatabaseStep.GetQueries)
    def get_queries(self) -> Evidence:
        # TODO: read the query history of the source here; the message below says what to write.
        raise NotImplementedError(
            "no query log is known for the clickhouse dialect: write CLICKHOUSE_TEST_GET_QUERIES in queries.py, a cheap SELECT on the log CLICKHOUSE_SQL_STATEMENT reads, and return run_sql(self._engine.client, CLICKHOUSE_TEST_GET_QUERIES, ...) here"
        )


class ClickhouseConnection(BaseConnection[ClickhouseConnectionConfig, Engine]):
    """Builds and owns the SQLAlchemy engine of a service connection."""

    def _get_client(self) -> Engine:
        # TODO: the default URL is scheme://username:password@hostPort/databaseSchema with connectionOptions in the
        #   query string and connectionArguments passed to the driver. get_connection_url_common reads the password from
        #   authType (basic, IAM and Azure tokens); handle the other auth types here.
        engine = create_generic_db_connection(
            connection=self.service_connection,
            get_connection_url_fn=get_connection_url_common,
            get_connection_args_fn=get_connection_args_common,
        )
        # close() (and the host's `with connection:`) disposes of the engine
        self._on_close(engine.dispose)
        return engine

    def checks(self) -> ChecksProvider:
        """The checks the test connection runs, over this connection's engine."""
        return ClickhouseChecks(self.borrow(), self.service_connection.databaseSchema)


def get_connection(connection: ClickhouseConnectionConfig) -> Engine:
    """The engine of a service connection."""
    return ClickhouseConnection(connection).client
