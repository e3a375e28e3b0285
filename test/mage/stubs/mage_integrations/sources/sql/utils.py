from typing import Any, Callable, Dict

from mage_integrations.sources.constants import (
    COLUMN_TYPE_BOOLEAN,
    COLUMN_TYPE_INTEGER,
    COLUMN_TYPE_NULL,
    COLUMN_TYPE_NUMBER,
    COLUMN_TYPE_OBJECT,
)


def build_comparison_statement(
    col: str,
    val: Any,
    properties: Dict,
    column_type_mapping: Callable,
    operator: str = "=",
    column_cleaned: str = None,
) -> str:
    """`<column> <operator> CAST('<value>' AS <type>)`, the type from the column's schema through the mapping."""
    column = properties.get(col)
    if not column:
        raise Exception(f"There are no properties in the schema for column {col}.")
    column_type = next((t for t in column["type"] if t != COLUMN_TYPE_NULL), None)
    cast = column_type_mapping(column_type, column.get("format"))
    value = f"CAST('{val}' AS {cast})" if cast else f"'{val}'"
    return f"{column_cleaned or col} {operator} {value}"


# the generic mapping: every string, date-times included, is compared as VARCHAR
GENERIC_TYPES = {
    COLUMN_TYPE_BOOLEAN: "BOOL",
    COLUMN_TYPE_INTEGER: "BIGINT",
    COLUMN_TYPE_NUMBER: "DECIMAL",
    COLUMN_TYPE_OBJECT: "TEXT",
}


def column_type_mapping(column_type: str, column_format: str = None) -> str:
    return GENERIC_TYPES.get(column_type, "VARCHAR")


def wrap_column_in_quotes(column: str) -> str:
    return column if "'" in column or '"' in column else f'"{column}"'
