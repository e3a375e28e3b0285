"""SQLite's dialect under a fictional connector's scheme: host, port and credentials are
ignored and every engine is an in-memory database."""
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite


class HostlessSQLiteDialect(SQLiteDialect_pysqlite):
    supports_statement_cache = True

    def create_connect_args(self, url):
        return [":memory:"], {}
