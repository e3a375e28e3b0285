"""
Query-log reader of the Clickhouse connector, shared by its lineage and
usage sources.
"""

from abc import ABC

from metadata.generated.schema.entity.services.connections.database.clickhouseConnection import ClickhouseConnection
from metadata.ingestion.api.steps import InvalidSourceException, OpenMetadata
from metadata.ingestion.source.database.clickhouse.queries import CLICKHOUSE_SQL_STATEMENT
from metadata.ingestion.source.database.query_parser_source import QueryParserSource, WorkflowSource


class ClickhouseQueryParserSource(QueryParserSource, ABC):
    """
    Reads the query log with sql_stmt (queries.py), formatted by
    QueryParserSource.get_sql_statement with start_time, end_time, filters and
    result_limit. Override get_sql_statement when the statement needs more.
    """

    sql_stmt = CLICKHOUSE_SQL_STATEMENT
    filters: str

    @classmethod
    def create(
        cls, config_dict: dict, metadata: OpenMetadata, pipeline_name: str | None = None
    ) -> "ClickhouseQueryParserSource":
        config: WorkflowSource = WorkflowSource.model_validate(config_dict)
        connection = config.serviceConnection.root.config
        if not isinstance(connection, ClickhouseConnection):
            raise InvalidSourceException(f"Expected ClickhouseConnection, but got {connection}")
        return cls(config, metadata)
