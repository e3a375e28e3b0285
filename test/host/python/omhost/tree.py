"""A schema tree the release's `make generate` could run on, made from a partial one.

The host layer's checkouts hold the release's schema tree when its
openmetadata-spec jar is served, else the shared fixtures: a few real schemas
whose `$ref`s reach files the fixtures lack. The generator's --generate-models
(generators/openmetadata/pydantic-models.ts) runs datamodel-codegen over the
changed schemas and their `$ref` closure, so every referenced file must exist:
`complete` gives each missing one a stand-in schema with the title, kind of
type, enum values and defaults of the installed model module. A generated
module only names the referenced class, so the stand-in is all it needs, and
the installed package is the release's truth where the tree is another commit's.
"""
import enum
import importlib
import json
import re
from pathlib import Path

SCHEMA_PACKAGE = "metadata.generated.schema"
JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string"}


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _module_of(rel: str) -> str:
    return SCHEMA_PACKAGE + "." + rel[: -len(".json")].replace("/", ".")


def _schema_of_class(cls) -> dict:
    """A stand-in schema of the kind the class was generated from."""
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return {"type": "string", "enum": [m.value for m in cls]}
    fields = getattr(cls, "model_fields", {})
    if "root" in fields:
        root = fields["root"]
        kind = JSON_TYPES.get(root.annotation, "string")
        schema = {"type": kind}
        if root.default is not None and repr(root.default) != "PydanticUndefined":
            schema["default"] = root.default
        return schema
    return {"type": "object", "additionalProperties": False}


def _own_classes(module):
    return [(n, v) for n, v in vars(module).items() if isinstance(v, type) and v.__module__ == module.__name__]


def _main_class(module, stem: str):
    """The class of the schema's title: named like the file, else the last one the module defines."""
    classes = _own_classes(module)
    for name, value in classes:
        if name.lower() == stem.lower():
            return name, value
    if not classes:
        raise LookupError(f"{module.__name__} defines no class")
    return classes[-1]


def _definition_name(pointer: str) -> str:
    return pointer.rsplit("/", 1)[-1]


def _class_for_definition(module, name: str):
    wanted = re.sub(r"[^A-Za-z0-9]", "", name).lower()
    for attr, value in _own_classes(module):
        if attr.lower() == wanted:
            return value
    return None


def _stand_in(rel: str, fragments: set) -> dict:
    module = importlib.import_module(_module_of(rel))
    stem = Path(rel).stem
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {}}
    try:
        title, cls = _main_class(module, stem)
        schema.update(_schema_of_class(cls), title=title)
    except LookupError:
        schema.update(type="object", title=stem[0].upper() + stem[1:])
    for pointer in fragments:
        name = _definition_name(pointer)
        cls = _class_for_definition(module, name)
        schema["definitions"][name] = _schema_of_class(cls) if cls else {"type": "string"}
    return schema


def complete(spec_root: Path) -> dict:
    """Adds a stand-in for every file the tree's schemas `$ref` but the tree lacks.

    The stand-ins come from the installed modules: the installed package is the
    release's truth, the tree may be another commit's (and, from the fixtures, a
    few files only). A referenced file the release has no module for is missing:
    the references to it are dropped from the schemas that make them. Returns the
    stand-ins written and, per schema, the missing files it referred to.
    """
    files = {p.relative_to(spec_root).as_posix() for p in spec_root.rglob("*.json")}
    fragments, referrers = {}, {}
    for rel in sorted(files):
        folder = Path(rel).parent.as_posix()
        for ref in _refs(json.loads((spec_root / rel).read_text())):
            file_part, _, fragment = ref.partition("#")
            if not file_part or "://" in file_part:
                continue
            target = "/".join(_normalise(f"{folder}/{file_part}"))
            if target in files:
                continue
            fragments.setdefault(target, set())
            if fragment:
                fragments[target].add(fragment)
            referrers.setdefault(target, set()).add(rel)
    stand_ins, missing = [], set()
    for target, wanted in sorted(fragments.items()):
        try:
            importlib.import_module(_module_of(target))
        except ModuleNotFoundError:
            missing.add(target)
            continue
        path = spec_root / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(_stand_in(target, wanted), indent=2))
        stand_ins.append(target)
    dropped = {}
    for target in sorted(missing):
        for rel in referrers[target]:
            dropped.setdefault(rel, []).append(target)
    for rel, targets in dropped.items():
        _drop_refs_to(spec_root, rel, set(targets))
    return {"standIns": stand_ins, "dropped": dropped}


def _drop_refs_to(tree: Path, rel: str, missing: set) -> None:
    """Removes what points at files the release lacks: oneOf members, properties typed by them."""
    folder = Path(rel).parent.as_posix()

    def keep(item):
        if isinstance(item, dict) and isinstance(item.get("$ref"), str):
            file_part = item["$ref"].partition("#")[0]
            return not file_part or "/".join(_normalise(f"{folder}/{file_part}")) not in missing
        return True

    def walk(node):
        if isinstance(node, dict):
            # a property (or list member) typed by a missing file goes; the release has no such model
            return {k: walk(v) for k, v in node.items() if keep(v)}
        if isinstance(node, list):
            return [walk(i) for i in node if keep(i)]
        return node

    path = tree / rel
    path.write_text(json.dumps(walk(json.loads(path.read_text())), indent=2))


def _normalise(rel: str) -> list:
    parts = []
    for part in rel.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return parts
