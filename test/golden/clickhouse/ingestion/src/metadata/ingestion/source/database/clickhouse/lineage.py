"""
Lineage of the Clickhouse connector, from the statements of its query
log that move data.
"""

from metadata.ingestion.source.database.clickhouse.query_parser import ClickhouseQueryParserSource
from metadata.ingestion.source.database.lineage_source import LineageSource


class ClickhouseLineageSource(ClickhouseQueryParserSource, LineageSource):
    """Parses the query log for lineage."""

    # TODO: SQL added to the query-log statement to keep the statements that
    #   move data, e.g. CREATE TABLE ... AS SELECT, INSERT INTO ... SELECT, MERGE.
    filters = ""
