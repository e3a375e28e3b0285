import argparse
import inspect
import json
import os
import sys
from typing import Dict, List

from mage_integrations.sources.constants import (
    REPLICATION_METHOD_FULL_TABLE,
    REPLICATION_METHOD_INCREMENTAL,
)
from mage_integrations.utils.logger import Logger

LOGGER = Logger()


class CatalogEntry:
    def __init__(self, tap_stream_id: str, schema: Dict, **kwargs):
        self.tap_stream_id = tap_stream_id
        self.stream = tap_stream_id
        self.schema = schema
        for key, value in kwargs.items():
            setattr(self, key, value)

    def to_dict(self) -> Dict:
        return dict(self.__dict__)


class Catalog:
    def __init__(self, streams: List[CatalogEntry]):
        self.streams = streams

    def to_dict(self) -> Dict:
        return {"streams": [s.to_dict() for s in self.streams]}


class Source:
    def __init__(
        self,
        config: Dict = None,
        discover_mode: bool = False,
        discover_streams_mode: bool = False,
        logger=LOGGER,
        query: Dict = None,
        schemas_folder: str = "schemas",
        selected_streams: List[str] = None,
        state: Dict = None,
        **kwargs,
    ):
        self.config = config
        self.discover_mode = discover_mode
        self.discover_streams_mode = discover_streams_mode
        self.logger = Logger(caller=self)
        self.query = query or {}
        self.schemas_folder = schemas_folder
        self.selected_streams = selected_streams
        self.state = state or {}

    @classmethod
    def templates(cls) -> Dict:
        folder = os.path.join(os.path.dirname(inspect.getfile(cls)), "templates")
        templates = {}
        for name in os.listdir(folder):
            with open(os.path.join(folder, name)) as handle:
                templates[name.replace(".json", "")] = json.load(handle)
        return templates

    def load_schemas_from_folder(self) -> Dict:
        folder = os.path.join(
            os.path.dirname(inspect.getfile(self.__class__)), self.schemas_folder
        )
        schemas = {}
        for name in os.listdir(folder):
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                with open(path) as handle:
                    schemas[name.replace(".json", "")] = json.load(handle)
        return schemas

    def build_catalog_entry(self, stream_id: str, schema: Dict, **kwargs) -> CatalogEntry:
        return CatalogEntry(
            stream_id,
            schema,
            key_properties=self.get_table_key_properties(stream_id),
            replication_method=self.get_forced_replication_method(stream_id),
            valid_replication_keys=self.get_valid_replication_keys(stream_id),
            **kwargs,
        )

    def discover(self, streams: List[str] = None) -> Catalog:
        entries = []
        for stream_id, schema in self.load_schemas_from_folder().items():
            if not streams or stream_id in streams:
                entries.append(self.build_catalog_entry(stream_id, schema))
        return Catalog(entries)

    def test_connection(self) -> None:
        pass

    def load_data(self, stream, bookmarks=None, query=None, sample_data=False, start_date=None, **kwargs):
        raise Exception("Subclasses must implement the load_data method.")

    def load_sample_data(self, stream, **kwargs):
        # as mage_integrations samples a stream: the first batch, next() on load_data
        # (StopIteration when load_data yields nothing, the failure mage reports with an empty message)
        return next(self.load_data(stream, sample_data=True, **kwargs))

    def get_forced_replication_method(self, stream_id: str) -> str:
        return REPLICATION_METHOD_FULL_TABLE

    def get_table_key_properties(self, stream_id: str) -> List[str]:
        return []

    def get_valid_replication_keys(self, stream_id: str) -> List[str]:
        return []

    def _get_bookmark_properties_for_stream(self, stream) -> List[str]:
        if stream.replication_method == REPLICATION_METHOD_INCREMENTAL:
            return [stream.replication_key] if getattr(stream, "replication_key", None) else []
        return []


def main(source_class):
    parser = argparse.ArgumentParser()
    parser.add_argument("--config_json")
    parser.add_argument("--discover", action="store_true")
    parser.add_argument("--test_connection", action="store_true")
    parser.add_argument("--show_templates", action="store_true")
    args = parser.parse_args()
    source = source_class(
        config=json.loads(args.config_json) if args.config_json else {},
        discover_mode=args.discover,
    )
    if args.show_templates:
        json.dump(source_class.templates(), sys.stdout)
    elif args.test_connection:
        source.test_connection()
    elif args.discover:
        json.dump(source.discover(streams=source.selected_streams).to_dict(), sys.stdout, default=str)
