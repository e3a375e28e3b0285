import sys
from typing import Dict, List

import simplejson
from singer.messages import RecordMessage, SchemaMessage, StateMessage


def write_line(message: Dict) -> None:
    sys.stdout.write(simplejson.dumps(message, default=str, ignore_nan=True, use_decimal=True) + "\n")
    sys.stdout.flush()


def write_schema(
    stream_name: str,
    schema: Dict,
    key_properties: List[str],
    bookmark_properties: List[str] = None,
    replication_method: str = None,
    unique_conflict_method: str = None,
    unique_constraints: List[str] = None,
    **kwargs,
) -> None:
    if isinstance(key_properties, (str, bytes)):
        key_properties = [key_properties]
    if not isinstance(key_properties, list):
        raise Exception("key_properties must be a string or list of strings")
    message = SchemaMessage(
        stream=stream_name,
        schema=schema,
        key_properties=key_properties,
        bookmark_properties=bookmark_properties,
    )
    extra = {
        "replication_method": replication_method,
        "unique_conflict_method": unique_conflict_method,
        "unique_constraints": unique_constraints,
    }
    write_line({**message.asdict(), **{key: value for key, value in extra.items() if value}})


def write_records(stream_name: str, records: List[Dict]) -> None:
    for record in records:
        write_line(RecordMessage(stream=stream_name, record=record).asdict())


def write_state(value: Dict) -> None:
    write_line(StateMessage(value=value).asdict())
