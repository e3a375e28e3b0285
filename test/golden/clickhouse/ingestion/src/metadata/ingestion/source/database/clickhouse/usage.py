"""
Usage of the Clickhouse connector, from the statements of its query
log.
"""

from metadata.ingestion.source.database.clickhouse.query_parser import ClickhouseQueryParserSource
from metadata.ingestion.source.database.usage_source import UsageSource


class ClickhouseUsageSource(ClickhouseQueryParserSource, UsageSource):
    """Parses the query log for usage."""

    # TODO: SQL added to the query-log statement to keep the statements that
    #   count as use (SELECT...), and drop OpenMetadata's own queries.
    filters = ""
