"""What the generator assumes of the host, read from the installed package instead.

The request lists the assumptions (base classes and their abstract methods, the
whole signature of every method a template writes,
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


def _written_parameters(params):
    """Name, kind and default of each parameter a stub writes (`self` first), read by defining it."""
    namespace = {name: _Subscriptable() for name in ("Any", "Optional", "List", "Tuple", "Iterable", "Either")}
    exec(f"def stub(self, {', '.join(params)}): pass", namespace)  # noqa: S102 - our own facts, not input
    return _shape(inspect.signature(namespace["stub"]))


class _Subscriptable:
    """Stands in for typing names in a stub's annotations: only names, kinds and defaults are compared."""

    def __getitem__(self, item):
        return self

    def __or__(self, other):
        return self


def _shape(signature):
    return [(p.name, p.kind.name, None if p.default is inspect.Parameter.empty else repr(p.default))
            for p in signature.parameters.values()]


def signature_mismatches(methods):
    """Each method a template writes: the installed signature as the facts spell it, and the stub's parameters."""
    problems = []
    for method in methods:
        installed = inspect.signature(_attr(method["function"]))
        if str(installed) != method["signature"]:
            problems.append(f"{method['function']} is {installed}; the facts say {method['signature']}")
        written = _written_parameters(method["params"])
        if written != _shape(installed):
            problems.append(f"{method['function']}: the stub writes parameters {written}, the package has {_shape(installed)}")
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
        "signatures": signature_mismatches(req["signatures"]),
        "fields": field_mismatches(req["models"]),
        "attributes": attribute_mismatches(req["attributes"]),
    }
