from typing import List

from mage_integrations.sources.base import Catalog, CatalogEntry
from mage_integrations.sources.base import Source as BaseSource


class Source(BaseSource):
    @property
    def table_prefix(self):
        return ""

    def build_connection(self):
        raise Exception("Subclasses must implement the build_connection method.")

    def build_discover_query(self, streams: List[str] = None) -> str:
        raise Exception("Subclasses must implement the build_discover_query method.")

    def discover(self, streams: List[str] = None) -> Catalog:
        rows = self.build_connection().load(self.build_discover_query(streams=streams))
        tables = {}
        for table_name, _default, column_key, column_name, data_type, is_nullable in rows:
            column = dict(type=["null", data_type] if is_nullable == "YES" else [data_type])
            table = tables.setdefault(table_name, dict(properties={}, keys=[]))
            table["properties"][column_name] = column
            if column_key and "PRI" in column_key:
                table["keys"].append(column_name)
        return Catalog(
            [
                CatalogEntry(name, dict(type="object", properties=t["properties"]), key_properties=t["keys"])
                for name, t in tables.items()
            ]
        )

    def test_connection(self) -> None:
        self.build_connection().build_connection()

    def column_type_mapping(self, column_type: str, column_format: str = None) -> str:
        # the generic mapping of mage_integrations: every string, date-times included, as text
        return "VARCHAR" if column_type == "string" else column_type.upper()

    def bookmark_predicate(self, column: str, value, column_type: str, column_format: str = None) -> str:
        # how the real SQL base filters an incremental sync: the bookmark cast through column_type_mapping
        literal = "'" + str(value).replace("'", "''") + "'"
        cast = self.column_type_mapping(column_type, column_format)
        return f"{self.wrap_column_in_quotes(column)} >= CAST({literal} AS {cast})"

    def update_column_names(self, columns: List[str]) -> List[str]:
        return columns

    def wrap_column_in_quotes(self, column: str) -> str:
        return column
