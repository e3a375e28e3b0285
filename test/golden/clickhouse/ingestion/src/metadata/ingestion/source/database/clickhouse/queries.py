"""
SQL that the Clickhouse connector runs.
"""

import textwrap

# TODO: read the query log of the source. OpenMetadata reads the columns by
#   these names. The statement is formatted with start_time, end_time, filters
#   (the lineage or usage filters) and result_limit.
CLICKHOUSE_SQL_STATEMENT = textwrap.dedent(
    """
    SELECT
      query_type,
      query_text,
      user_name,
      database_name,
      schema_name,
      start_time,
      end_time,
      duration,
      aborted
    FROM todo_query_log
    WHERE start_time >= '{start_time}'
      AND start_time < '{end_time}'
      {filters}
    LIMIT {result_limit}
    """
)

# TODO: add the SQL that the SQLAlchemy inspector cannot answer for this source
#   (table comments, partitions, owners...).
