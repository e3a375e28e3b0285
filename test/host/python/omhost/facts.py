"""What the generator assumes of the host, read from the installed package instead.

The request lists the assumptions (base classes and their abstract methods,
BaseConnection's abstract methods, parameters of the functions the templates
call, fields of the models the generated JSON feeds); the answer lists every
one that does not hold, naming the fact.
"""
import importlib
import inspect

# create() is abstract on every step; a generated source always defines it.
ALWAYS_DEFINED = {"create"}


def _attr(path: str):
    """`a.b.C.method`: the longest importable module prefix, then attributes."""
    parts = path.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            value = getattr(value, name)
        return value
    raise ModuleNotFoundError(path)


def abstract_mismatches(bases):
    problems = []
    for base in bases:
        cls = _attr(f"{base['module']}.{base['name']}")
        actual = set(getattr(cls, "__abstractmethods__", set())) - ALWAYS_DEFINED
        expected = set(base["methods"])
        if actual != expected:
            problems.append(
                f"{base['name']}: abstract methods are {sorted(actual)}; the generator stubs {sorted(expected)}"
                f" (missing {sorted(actual - expected)}, not abstract {sorted(expected - actual)})"
            )
    return problems


def parameter_mismatches(calls):
    problems = []
    for call in calls:
        params = inspect.signature(_attr(call["function"])).parameters
        missing = [p for p in call["params"] if p not in params]
        if missing:
            problems.append(f"{call['function']} has no parameter {missing} (it takes {list(params)})")
    return problems


def field_mismatches(models):
    problems = []
    for model in models:
        fields = set(_attr(model["model"]).model_fields)
        for name in model.get("present", []):
            if name not in fields:
                problems.append(f"{model['model']} has no field {name}")
        for name in model.get("absent", []):
            if name in fields:
                problems.append(f"{model['model']} has a field {name} the generator does not expect")
    return problems


def attribute_mismatches(attributes):
    problems = []
    for item in attributes:
        has = hasattr(_attr(item["owner"]), item["name"])
        if has != item["present"]:
            problems.append(f"{item['owner']}.{item['name']} {'is missing' if item['present'] else 'exists'}")
    return problems


def read(req):
    return {
        "abstract": abstract_mismatches(req["bases"]),
        "parameters": parameter_mismatches(req["calls"]),
        "fields": field_mismatches(req["models"]),
        "attributes": attribute_mismatches(req["attributes"]),
    }
