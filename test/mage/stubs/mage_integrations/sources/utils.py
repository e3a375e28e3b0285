import argparse
import json
from typing import Dict, List

from singer.metadata import to_list, write

from mage_integrations.sources.catalog import Catalog


def get_standard_metadata(
    key_properties: List[str] = None,
    replication_method: str = None,
    schema: Dict = None,
    stream_id: str = None,
    valid_replication_keys: List[str] = None,
) -> List[Dict]:
    """Singer discovery metadata: the stream's keys and methods, each property available or automatic."""
    mdata: Dict = {}
    if key_properties is not None:
        mdata = write(mdata, (), "table-key-properties", key_properties)
    if replication_method:
        mdata = write(mdata, (), "forced-replication-method", replication_method)
    if valid_replication_keys is not None:
        mdata = write(mdata, (), "valid-replication-keys", valid_replication_keys)
    if schema:
        mdata = write(mdata, (), "inclusion", "available")
        if stream_id:
            mdata = write(mdata, (), "schema-name", stream_id)
        automatic = set(key_properties or []) | set(valid_replication_keys or [])
        for field in schema["properties"]:
            mdata = write(mdata, ("properties", field), "inclusion", "automatic" if field in automatic else "available")
    return to_list(mdata)


def _json_file(path: str):
    with open(path) as handle:
        return json.load(handle)


def parse_args() -> argparse.Namespace:
    """The command-line flags mage-ai starts a source with (unknown arguments are ignored, as upstream)."""
    parser = argparse.ArgumentParser()
    for name in ("config", "catalog", "state"):
        parser.add_argument(f"--{name}", help=f"{name} file (JSON)")
    for name in ("config_json", "catalog_json", "query_json", "selected_streams_json"):
        parser.add_argument(f"--{name}")
    for flag in ("discover", "discover_streams", "test_connection", "load_sample_data", "count_records", "show_templates"):
        parser.add_argument(f"--{flag}", action="store_true")
    args, _ = parser.parse_known_args()
    config = _json_file(args.config) if args.config else {}
    config.update(json.loads(args.config_json) if args.config_json else {})
    args.config = config or None
    catalog = json.loads(args.catalog_json) if args.catalog_json else _json_file(args.catalog) if args.catalog else None
    args.catalog = Catalog.from_dict(catalog) if catalog else None
    args.state = _json_file(args.state) if args.state else None
    args.query = json.loads(args.query_json) if args.query_json else None
    args.selected_streams = json.loads(args.selected_streams_json) if args.selected_streams_json else None
    return args
