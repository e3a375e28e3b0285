import inspect
import json
import os
import sys
from datetime import datetime
from typing import Dict, Generator, List

import dateutil.parser
import singer
from singer.schema import Schema

from mage_integrations.sources.catalog import Catalog, CatalogEntry
from mage_integrations.sources.constants import (
    REPLICATION_METHOD_FULL_TABLE,
    REPLICATION_METHOD_INCREMENTAL,
    REPLICATION_METHOD_LOG_BASED,
)
from mage_integrations.sources.messages import write_line, write_records, write_schema, write_state
from mage_integrations.sources.utils import get_standard_metadata, parse_args
from mage_integrations.utils.logger import Logger
from mage_integrations.utils.schema_helpers import extract_selected_columns

LOGGER = Logger()
REPLICATION_METHODS = (REPLICATION_METHOD_FULL_TABLE, REPLICATION_METHOD_INCREMENTAL, REPLICATION_METHOD_LOG_BASED)


def _folder_of(cls, name: str) -> str:
    return os.path.join(os.path.dirname(inspect.getfile(cls)), name)


def _read_json_files(folder: str) -> Dict[str, Dict]:
    files = {}
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            with open(path) as handle:
                files[name.replace(".json", "")] = json.load(handle)
    return files


class Source:
    def __init__(
        self,
        catalog: Catalog = None,
        config: Dict = None,
        count_records: bool = False,
        discover_mode: bool = False,
        discover_streams_mode: bool = False,
        is_sorted: bool = True,
        load_sample_data: bool = False,
        logger=LOGGER,
        query: Dict = None,
        schemas_folder: str = "schemas",
        selected_streams: List[str] = None,
        show_templates: bool = False,
        state: Dict = None,
        test_connection: bool = False,
        **kwargs,
    ):
        # as upstream: flags on the command line override the keyword arguments
        args = parse_args()
        self.catalog = args.catalog or catalog
        self.config = args.config or config
        self.count_records_mode = args.count_records or count_records
        self.discover_mode = args.discover or discover_mode
        self.discover_streams_mode = args.discover_streams or discover_streams_mode
        self.is_sorted = is_sorted
        self.load_sample_data = args.load_sample_data or load_sample_data
        self.logger = Logger(caller=self)
        self.query = args.query or query or {}
        self.schemas_folder = schemas_folder
        self.selected_streams = args.selected_streams or selected_streams
        self.show_templates = args.show_templates or show_templates
        self.should_test_connection = args.test_connection or test_connection
        self.state = args.state or state

    @classmethod
    def templates(cls) -> Dict:
        return _read_json_files(_folder_of(cls, "templates"))

    def load_schemas_from_folder(self) -> Dict[str, Schema]:
        schemas = _read_json_files(_folder_of(self.__class__, self.schemas_folder))
        return {stream_id: Schema.from_dict(schema) for stream_id, schema in schemas.items()}

    def discover(self, streams: List[str] = None) -> Catalog:
        return Catalog(
            [
                self.build_catalog_entry(stream_id, schema)
                for stream_id, schema in self.load_schemas_from_folder().items()
                if not streams or stream_id in streams
            ]
        )

    def discover_streams(self) -> List[Dict]:
        return [dict(stream=s.tap_stream_id, tap_stream_id=s.tap_stream_id) for s in self.discover().streams]

    def build_catalog_entry(
        self,
        stream_id: str,
        schema: Schema,
        bookmark_properties: List[str] = None,
        key_properties: List[str] = None,
        replication_key: str = None,
        replication_method: str = None,
        **kwargs,
    ) -> CatalogEntry:
        method = replication_method or self.get_forced_replication_method(stream_id)
        metadata = get_standard_metadata(
            key_properties=key_properties or self.get_table_key_properties(stream_id),
            replication_method=method,
            schema=schema.to_dict(),
            stream_id=stream_id,
            valid_replication_keys=bookmark_properties or self.get_valid_replication_keys(stream_id),
        )
        for entry in metadata:
            if not entry["breadcrumb"]:
                entry["metadata"]["selected"] = False
        if not replication_key and bookmark_properties:
            replication_key = bookmark_properties[0]
        fields = dict(
            bookmark_properties=bookmark_properties,
            key_properties=key_properties or [],
            metadata=metadata,
            replication_key=replication_key or "",
            replication_method=method,
            schema=schema,
            stream=stream_id,
            tap_stream_id=stream_id,
        )
        fields.update(kwargs)
        return CatalogEntry(**fields)

    def process(self) -> None:
        """Runs the mode mage-ai started the source in; any failure is re-raised with the source's name."""
        try:
            if self.should_test_connection:
                self.test_connection()
            elif self.load_sample_data:
                self._write_sample_data()
            elif self.discover_mode:
                output = self.discover_streams() if self.discover_streams_mode else self.discover(self.selected_streams).to_dict()
                json.dump(output, sys.stdout, default=str)
            elif self.count_records_mode:
                json.dump(self._counts(), sys.stdout)
            elif self.show_templates:
                json.dump(self.templates(), sys.stdout)
            else:
                catalog = self.catalog or self.discover(streams=self.selected_streams)
                if self.selected_streams:
                    catalog.streams = [s for s in catalog.streams if s.tap_stream_id in self.selected_streams]
                self.sync(catalog)
        except Exception as err:
            message = f"{self.__class__.__name__} process failed with error {err}."
            self.logger.exception(message)
            raise Exception(message) from err

    def _write_sample_data(self) -> None:
        catalog = self.catalog or self.discover(streams=self.selected_streams)
        for tap_stream_id in self.selected_streams or []:
            stream = catalog.get_stream(tap_stream_id)
            # upstream takes the first batch: next() on the generator (StopIteration when it yields nothing)
            rows = next(self.load_data(stream, sample_data=True))
            write_line(dict(stream_id=tap_stream_id, sample_data=rows, type="sample_data"))

    def _counts(self) -> List[Dict]:
        counts = []
        for stream in self.catalog.get_selected_streams(self.state or {}):
            if not self.selected_streams or stream.tap_stream_id in self.selected_streams:
                count = self.count_records(stream, bookmarks=self._bookmarks_for_stream(stream), query=self.query)
                counts.append(dict(count=count, id=stream.tap_stream_id, stream=stream.tap_stream_id))
        return counts

    def sync(self, catalog: Catalog) -> None:
        for stream in catalog.get_selected_streams(self.state or {}):
            self.process_stream(stream)
            self.sync_stream(stream)

    def process_stream(self, stream) -> None:
        if stream.replication_method not in REPLICATION_METHODS:
            raise Exception(f"Invalid replication_method {stream.replication_method}")
        schema = stream.schema.to_dict()
        selected = extract_selected_columns(stream.metadata)
        schema["properties"] = {k: v for k, v in schema["properties"].items() if k in selected}
        write_schema(
            stream_name=stream.tap_stream_id,
            schema=schema,
            key_properties=stream.key_properties,
            bookmark_properties=self._get_bookmark_properties_for_stream(stream),
            replication_method=stream.replication_method,
            unique_conflict_method=stream.unique_conflict_method,
            unique_constraints=stream.unique_constraints,
        )

    def sync_stream(self, stream) -> int:
        start_date = None
        if stream.replication_method != REPLICATION_METHOD_INCREMENTAL and (self.config or {}).get("start_date"):
            start_date = dateutil.parser.parse(self.config["start_date"])
        count = 0
        for rows in self.load_data(
            stream,
            bookmarks=self._bookmarks_for_stream(stream),
            query=self.query,
            start_date=start_date,
        ):
            self.write_records(stream, rows)
            count += len(rows)
        return count

    def write_records(self, stream, rows: List[Dict]) -> None:
        columns = extract_selected_columns(stream.metadata)
        bookmark_properties = self._get_bookmark_properties_for_stream(stream)
        for row in rows:
            write_records(stream.tap_stream_id, [{column: row.get(column) for column in columns}])
            if stream.replication_method == REPLICATION_METHOD_INCREMENTAL and bookmark_properties:
                state: Dict = {}
                for column in bookmark_properties:
                    singer.write_bookmark(state, stream.tap_stream_id, column, row.get(column))
                write_state(state)

    def test_connection(self) -> None:
        raise Exception("Testing the connection is not currently supported for this source.")

    def count_records(self, stream, bookmarks: Dict = None, query: Dict = None, **kwargs) -> int:
        return 0

    def load_data(
        self,
        stream,
        bookmarks: Dict = None,
        query: Dict = None,
        sample_data: bool = False,
        start_date: datetime = None,
        **kwargs,
    ) -> Generator[List[Dict], None, None]:
        raise Exception("Loading sample data is not currently supported for this source.")

    def get_forced_replication_method(self, stream_id: str) -> str:
        return REPLICATION_METHOD_FULL_TABLE

    def get_table_key_properties(self, stream_id: str) -> List[str]:
        return []

    def get_valid_replication_keys(self, stream_id: str) -> List[str]:
        return []

    def _get_bookmark_properties_for_stream(self, stream, bookmarks: Dict = None) -> List[str]:
        if stream.replication_method != REPLICATION_METHOD_INCREMENTAL:
            return []
        if stream.replication_key:
            return [stream.replication_key]
        return stream.to_dict().get("bookmark_properties", [])

    def _bookmarks_for_stream(self, stream) -> Dict:
        if stream.replication_method in (REPLICATION_METHOD_INCREMENTAL, REPLICATION_METHOD_LOG_BASED):
            return (self.state or {}).get("bookmarks", {}).get(stream.tap_stream_id)
        return None


def main(source_class, **kwargs):
    source_class(**kwargs).process()
