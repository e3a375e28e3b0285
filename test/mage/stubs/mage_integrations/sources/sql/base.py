from typing import Dict, Generator, List

from singer.schema import Schema

from mage_integrations.sources.base import Source as BaseSource
from mage_integrations.sources.catalog import Catalog, CatalogEntry
from mage_integrations.sources.constants import (
    BATCH_FETCH_LIMIT,
    BATCH_FETCH_LIMIT_KEY,
    COLUMN_FORMAT_DATETIME,
    COLUMN_FORMAT_UUID,
    COLUMN_TYPE_BOOLEAN,
    COLUMN_TYPE_INTEGER,
    COLUMN_TYPE_NULL,
    COLUMN_TYPE_NUMBER,
    COLUMN_TYPE_OBJECT,
    COLUMN_TYPE_STRING,
    REPLICATION_METHOD_FULL_TABLE,
    UNIQUE_CONFLICT_METHOD_UPDATE,
)
from mage_integrations.sources.sql import utils
from mage_integrations.sources.utils import get_standard_metadata
from mage_integrations.utils.schema_helpers import extract_selected_columns

# (substrings of the DATA_TYPE, Singer type, format), first match wins, else a string
TYPE_RULES = [
    (("bool",), COLUMN_TYPE_BOOLEAN, None),
    (("int",), COLUMN_TYPE_INTEGER, None),
    (("double", "float", "numeric", "decimal", "real", "number"), COLUMN_TYPE_NUMBER, None),
    (("datetime", "timestamp", "date"), COLUMN_TYPE_STRING, COLUMN_FORMAT_DATETIME),
    (("json", "variant"), COLUMN_TYPE_OBJECT, None),
    (("uuid",), COLUMN_TYPE_STRING, COLUMN_FORMAT_UUID),
]


def _decode(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def column_schema(data_type: str, is_nullable: str) -> Dict:
    data_type = _decode(data_type).lower()
    singer_type, column_format = next(
        ((t, f) for needles, t, f in TYPE_RULES if any(n in data_type for n in needles)),
        (COLUMN_TYPE_STRING, None),
    )
    types = ([COLUMN_TYPE_NULL] if _decode(is_nullable) == "YES" else []) + [singer_type]
    properties = {} if singer_type == COLUMN_TYPE_OBJECT else None
    return dict(format=column_format, properties=properties, type=types)


class Source(BaseSource):
    @property
    def fetch_limit(self) -> int:
        return (self.config or {}).get(BATCH_FETCH_LIMIT_KEY) or BATCH_FETCH_LIMIT

    @property
    def table_prefix(self) -> str:
        return ""

    def build_connection(self):
        raise Exception("Subclasses must implement the build_connection method.")

    def build_discover_query(self, schema: str = None, streams: List[str] = None) -> str:
        raise Exception("Subclasses must implement the build_discover_query method.")

    def discover(self, streams: List[str] = None) -> Catalog:
        tables: Dict[str, List[tuple]] = {}
        for row in self.build_connection().load(self.build_discover_query(streams=streams)):
            tables.setdefault(_decode(row[0]), []).append(row)
        return Catalog([self._catalog_entry(name, rows) for name, rows in tables.items()])

    def _catalog_entry(self, stream_id: str, rows: List[tuple]) -> CatalogEntry:
        # rows: TABLE_NAME, COLUMN_DEFAULT, COLUMN_KEY, COLUMN_NAME, DATA_TYPE, IS_NULLABLE
        properties = {_decode(r[3]): column_schema(r[4], r[5]) for r in rows}
        keys = [_decode(r[3]) for r in rows if r[2] is not None and ("PRI" in _decode(r[2]) or _decode(r[2]) == "UNIQUE")]
        schema = Schema.from_dict(dict(properties=properties, type="object"))
        return CatalogEntry(
            key_properties=keys,
            metadata=get_standard_metadata(
                key_properties=keys,
                replication_method=REPLICATION_METHOD_FULL_TABLE,
                schema=schema.to_dict(),
                stream_id=stream_id,
                valid_replication_keys=[],
            ),
            replication_method=REPLICATION_METHOD_FULL_TABLE,
            schema=schema,
            stream=stream_id,
            tap_stream_id=stream_id,
            unique_conflict_method=UNIQUE_CONFLICT_METHOD_UPDATE,
            unique_constraints=keys,
        )

    def test_connection(self) -> None:
        connection = self.build_connection()
        connection.close_connection(connection.build_connection())

    def count_records(self, stream, bookmarks: Dict = None, query: Dict = None, **kwargs) -> int:
        return self.build_connection().load(self._select(stream, bookmarks, query or {}, count=True))[0][0]

    def load_data(self, stream, bookmarks: Dict = None, query: Dict = None, **kwargs) -> Generator[List[Dict], None, None]:
        query = query or {}
        limit = self.fetch_limit
        offset = query.get("_offset", 0)
        columns = extract_selected_columns(stream.metadata)
        while True:
            sql = f"{self._select(stream, bookmarks, query)}\n{self._limit_query_string(limit, offset)}"
            fetched = self.build_connection().load(sql)
            yield [dict(zip(columns, row)) for row in fetched]
            offset += limit
            if len(fetched) < limit or query.get("_limit") is not None:
                break

    def _select(self, stream, bookmarks: Dict, query: Dict, count: bool = False) -> str:
        columns = extract_selected_columns(stream.metadata)
        properties = stream.schema.to_dict()["properties"]
        bookmark_properties = self._get_bookmark_properties_for_stream(stream)
        where = []
        for column, value in (bookmarks or {}).items():
            if column in bookmark_properties and value is not None:
                operator = ">" if column in (stream.unique_constraints or []) else ">="
                where.append(self._build_comparison_statement(column, value, properties, operator))
        for column, value in query.items():
            if column in columns:
                where.append(self._build_comparison_statement(column, value, properties))
        order = []
        for column in [*bookmark_properties, *(stream.key_properties or []), *(stream.unique_constraints or [])]:
            if column not in order:
                order.append(column)
        lines = [
            "SELECT",
            "COUNT(*) AS number_of_records" if count else "\n, ".join(self.update_column_names(columns)),
            f"FROM {self.build_table_name(stream)}",
        ]
        if where:
            lines.append("WHERE " + " AND ".join(where))
        if order and not count:
            lines.append("ORDER BY " + ", ".join(self.update_column_names(order)))
        return "\n".join(lines)

    def _build_comparison_statement(self, column: str, value, properties: Dict, operator: str = "=") -> str:
        return utils.build_comparison_statement(
            column,
            value,
            properties,
            self.column_type_mapping,
            operator=operator,
            column_cleaned=self.wrap_column_in_quotes(column),
        )

    def column_type_mapping(self, column_type: str, column_format: str = None) -> str:
        return utils.column_type_mapping(column_type, column_format)

    def build_table_name(self, stream) -> str:
        return f"{self.table_prefix}{stream.tap_stream_id}"

    def update_column_names(self, columns: List[str]) -> List[str]:
        return columns

    def wrap_column_in_quotes(self, column: str) -> str:
        return utils.wrap_column_in_quotes(column)

    def _limit_query_string(self, limit: int, offset: int) -> str:
        return f"LIMIT {limit} OFFSET {offset}"
