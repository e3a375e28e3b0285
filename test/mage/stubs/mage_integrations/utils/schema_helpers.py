from typing import Dict, List

from mage_integrations.sources.constants import METADATA_KEY_SELECTED


def extract_selected_columns(metadata: List[Dict]) -> List[str]:
    """The properties whose metadata marks them selected."""
    return [
        entry["breadcrumb"][1]
        for entry in metadata or []
        if len(entry.get("breadcrumb") or ()) == 2
        and entry["breadcrumb"][0] == "properties"
        and (entry.get("metadata") or {}).get(METADATA_KEY_SELECTED, False)
    ]


def filter_columns(columns: List[str], properties: Dict, column_types: List[str]) -> List[str]:
    return [c for c in columns if c in properties and any(t in column_types for t in properties[c]["type"])]
