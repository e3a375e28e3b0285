import json
from typing import Dict, List

from singer import catalog as singer_catalog

# The fields mage adds to a Singer catalog entry, with their defaults.
MAGE_FIELDS: Dict[str, object] = {
    "auto_add_new_fields": False,
    "bookmark_properties": None,
    "bookmark_property_operators": None,
    "disable_column_type_check": None,
    "partition_keys": None,
    "run_in_parallel": False,
    "unique_conflict_method": None,
    "unique_constraints": None,
}


class CatalogEntry(singer_catalog.CatalogEntry):
    def __init__(self, **kwargs):
        mage = {key: kwargs.pop(key, default) for key, default in MAGE_FIELDS.items()}
        super().__init__(**kwargs)
        for key, value in mage.items():
            setattr(self, key, value)

    def to_dict(self) -> Dict:
        result = super().to_dict()
        for key in MAGE_FIELDS:
            value = getattr(self, key)
            if value not in (None, [], {}):
                result[key] = value
        return result


class Catalog(singer_catalog.Catalog):
    @classmethod
    def from_dict(cls, data: Dict) -> "Catalog":
        entries: List[CatalogEntry] = []
        for stream in data["streams"]:
            entry = CatalogEntry(
                database=stream.get("database_name"),
                is_view=stream.get("is_view"),
                key_properties=stream.get("key_properties"),
                metadata=stream.get("metadata"),
                replication_key=stream.get("replication_key"),
                replication_method=stream.get("replication_method"),
                schema=singer_catalog.Schema.from_dict(stream.get("schema")),
                stream=stream.get("stream"),
                stream_alias=stream.get("stream_alias"),
                table=stream.get("table_name"),
                tap_stream_id=stream.get("tap_stream_id"),
                **{key: stream.get(key, default) for key, default in MAGE_FIELDS.items()},
            )
            entries.append(entry)
        return Catalog(entries)

    @classmethod
    def load(cls, filename: str) -> "Catalog":
        with open(filename) as handle:
            return Catalog.from_dict(json.load(handle))

    def to_dict(self) -> Dict:
        return {"streams": [s if isinstance(s, dict) else s.to_dict() for s in self.streams]}

    def get_stream(self, tap_stream_id: str):
        return next((s for s in self.streams if s.tap_stream_id == tap_stream_id), None)
