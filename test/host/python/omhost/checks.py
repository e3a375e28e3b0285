"""Checks of one generated connector inside the real package (run with the overlay active).

Each check returns a detail string or raises; run_all records every outcome, so one
failure does not hide the others.
"""
import importlib
import importlib.util
import json
import sys
import traceback
from pathlib import Path
from unittest.mock import MagicMock, patch


def _load_file(path: str, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _service_type(case):
    from metadata.generated.schema.entity.services.serviceType import ServiceType

    return ServiceType[case["serviceEnumMember"]]


def check_imports(case):
    names = [case["connectionModule"], case["serviceModule"]] + case["sourceModules"]
    for name in names:
        importlib.import_module(name)
    return f"{len(names)} modules import"


def check_registered_value(case):
    service = importlib.import_module(case["serviceModule"])
    enum_cls = getattr(service, case["serviceTypeEnum"])
    member = enum_cls(case["typeValue"])
    from metadata.utils.class_helper import get_service_type_from_source_type

    resolved = get_service_type_from_source_type(case["typeValue"])
    if resolved.name.lower() != case["serviceEnumMember"].lower():
        raise AssertionError(f"host maps {case['typeValue']} to {resolved}, expected {case['serviceEnumMember']}")
    return f"{enum_cls.__name__}.{member.name}; host resolves it to ServiceType.{resolved.name}"


def check_service_spec(case):
    from metadata.utils.service_spec.service_spec import BaseSpec, import_source_class

    spec = BaseSpec.get_for_source(_service_type(case), case["sourceType"])
    source_class = import_source_class(_service_type(case), case["sourceType"])
    expected = f"{case['sourcePackage']}.metadata.{case['sourceClass']}"
    if f"{source_class.__module__}.{source_class.__name__}" != expected:
        raise AssertionError(f"import_source_class gave {source_class}, expected {expected}")
    if source_class.__abstractmethods__:
        raise AssertionError(f"{source_class.__name__} is abstract: {sorted(source_class.__abstractmethods__)}")
    found = {k: v for k, v in spec.model_dump().items() if v}
    for kind in ("lineage", "usage"):
        if case["sqlalchemy"] and case["capabilities"].get(kind):
            import_source_class(_service_type(case), f"{case['sourceType']}-{kind}")
    return "ServiceSpec " + ", ".join(sorted(found))


def _unit_test_config(case):
    return _load_file(case["unitTest"], "generated_unit_test").CONFIG


def workflow_config(case):
    return {
        "source": _unit_test_config(case),
        "sink": {"type": "metadata-rest", "config": {}},
        "workflowConfig": {
            "openMetadataServerConfig": {
                "hostPort": "http://localhost:8585/api",
                "authProvider": "openmetadata",
                "securityConfig": {"jwtToken": "not-a-real-token"},
            }
        },
    }


def example_workflow_file(case) -> Path:
    """The example workflow the generator writes beside the connector (examples/workflows/<package>.yaml)."""
    return Path(case["checkout"]) / "ingestion/src/metadata/examples/workflows" / f"{case['package']}.yaml"


def _parsed_workflow(config, case, what):
    """What both workflows must parse into: the connector's connection and source type, its service's pipeline."""
    connection = config.source.serviceConnection.root.config
    if type(connection).__name__ != case["connectionClass"]:
        raise AssertionError(f"{what}: serviceConnection parsed as {type(connection).__name__}")
    if config.source.type != case["sourceType"]:
        raise AssertionError(f"{what}: source type {config.source.type!r}, expected {case['sourceType']!r}")
    pipeline = type(config.source.sourceConfig.config).__name__
    if pipeline != f"{case['serviceEnumMember']}ServiceMetadataPipeline":
        raise AssertionError(f"{what}: sourceConfig parsed as {pipeline}, not the {case['serviceEnumMember']} metadata pipeline")
    return connection, pipeline


def check_workflow_config(case):
    """The generated example workflow file, as `metadata ingest -c` reads it, and the unit test's CONFIG."""
    import yaml

    from metadata.generated.schema.metadataIngestion.workflow import OpenMetadataWorkflowConfig

    file = example_workflow_file(case)
    example = OpenMetadataWorkflowConfig.model_validate(yaml.safe_load(file.read_text()))
    connection, pipeline = _parsed_workflow(example, case, file.name)
    if example.sink.type != "metadata-rest":
        raise AssertionError(f"{file.name}: sink {example.sink.type!r}")
    _parsed_workflow(OpenMetadataWorkflowConfig.model_validate(workflow_config(case)), case, "the unit test's CONFIG")
    return (
        f"OpenMetadataWorkflowConfig accepts {file.name} (connection {type(connection).__name__}, sourceConfig {pipeline}, "
        f"sink metadata-rest) and the unit test's CONFIG"
    )


def mocked_metadata(case):
    """An OpenMetadata client that serves the generated test-connection definition and nothing else."""
    from metadata.generated.schema.entity.services.connections.testConnectionDefinition import (
        TestConnectionDefinition,
    )

    definition = TestConnectionDefinition.model_validate(json.loads(Path(case["testConnectionJson"]).read_text()))
    metadata = MagicMock(name="OpenMetadata")

    def get_by_name(entity, fqn, *args, **kwargs):
        if entity is TestConnectionDefinition:
            if fqn != f"{case['typeValue']}.testConnectionDefinition":
                raise AssertionError(f"test connection asked for definition {fqn!r}")
            return definition
        return None

    metadata.get_by_name.side_effect = get_by_name
    return metadata, definition


def _service_connection(case):
    from metadata.generated.schema.metadataIngestion.workflow import OpenMetadataWorkflowConfig

    return OpenMetadataWorkflowConfig.model_validate(workflow_config(case)).source.serviceConnection.root.config


def _client_methods(case):
    """The fictional source system answers every client call with an empty list."""
    client_module = importlib.import_module(f"{case['sourcePackage']}.client")
    client_class = getattr(client_module, case["clientClass"])
    return [
        patch.object(client_class, name, return_value=[])
        for name in case["stepMethods"]
    ]


def ensure_dialect(case) -> str:
    """A fictional scheme has no SQLAlchemy dialect: register it as SQLite's, so the host's URL
    builder, engine factory and inspector still run for real (the PostgreSQL case runs a real one)."""
    if not case["sqlalchemy"]:
        return ""
    from sqlalchemy.dialects import registry

    scheme = _service_connection(case).scheme.value
    name = scheme.replace("+", ".")
    try:
        registry.load(name)
        return f"dialect {scheme}"
    except Exception:
        registry.register(name, "omhost.sqlite_alias", "HostlessSQLiteDialect")
        _skip_network_probe()
        return f"dialect {scheme} is not installed: registered as SQLite's"


def _skip_network_probe():
    """2.0's ping() first dials the URL's host:port; the SQLite stand-in has no server there to answer."""
    try:
        from metadata.core.connections.test_connection import network
    except ImportError:  # releases without the checks API do not probe
        return
    patch.object(network, "tcp_probe", return_value=None).start()


def check_test_connection(case):
    from metadata.ingestion.source.connections import get_connection, test_connection_common

    dialect = ensure_dialect(case)
    metadata, definition = mocked_metadata(case)
    service_connection = _service_connection(case)
    patches = [] if case["sqlalchemy"] else _client_methods(case)
    for p in patches:
        p.start()
    try:
        client = get_connection(service_connection)
        test_connection_common(metadata, client, service_connection)
    finally:
        for p in patches:
            p.stop()
    steps = [s.name for s in definition.steps]
    asked = [c.kwargs.get("fqn") for c in metadata.get_by_name.call_args_list]
    if not asked:
        raise AssertionError("the host never read the test-connection definition")
    return f"host runner passed every mandatory step of {steps}; {dialect or 'client calls answered with []'}"


def test_connection_result(metadata, service_connection):
    """The host's test-connection path (test_connection_common), and the result its runner returned."""
    from metadata.ingestion.source import connections

    results = []
    real_raise = connections.raise_test_connection_exception

    def keep_result(result):
        results.append(result)
        real_raise(result)

    with patch.object(connections, "raise_test_connection_exception", side_effect=keep_result):
        connections.test_connection_common(metadata, connections.get_connection(service_connection), service_connection)
    if not results:
        raise AssertionError("the host's runner returned no result")
    return results[0]


def check_query_log_step(case):
    """No query history is known for the scheme: the host's runner reports the GetQueries step
    failed with the generated TODO (so it ran no SQL: a statement against a stand-in log would
    fail with the database's error instead)."""
    todo = case["queryLogTodo"]
    dialect = ensure_dialect(case)
    metadata, _ = mocked_metadata(case)
    result = test_connection_result(metadata, _service_connection(case))
    step = next((s for s in result.steps if s.name == "GetQueries"), None)
    if step is None:
        raise AssertionError(f"the runner ran no GetQueries step: {[s.name for s in result.steps]}")
    if step.passed:
        raise AssertionError("GetQueries passed, although no query history is known for the scheme")
    if todo not in (step.errorLog or ""):
        raise AssertionError(f"GetQueries failed with {step.errorLog!r}, not with its TODO {todo!r}")
    others = [s.name for s in result.steps if s.name != "GetQueries" and not s.passed]
    if others:
        raise AssertionError(f"steps besides GetQueries failed: {others}")
    return f"GetQueries failed with its TODO, every other step passed; {dialect}"


def check_create(case):
    ensure_dialect(case)
    metadata, _ = mocked_metadata(case)
    from metadata.utils.service_spec.service_spec import import_source_class

    source_class = import_source_class(_service_type(case), case["sourceType"])
    patches = [] if case["sqlalchemy"] else _client_methods(case)
    for p in patches:
        p.start()
    try:
        source = source_class.create(workflow_config(case)["source"], metadata)
    finally:
        for p in patches:
            p.stop()
    if type(source).__name__ != case["sourceClass"]:
        raise AssertionError(f"create returned {type(source).__name__}")
    return f"{case['sourceClass']}.create(config, metadata) built the source"


CHECKS = {
    "imports": check_imports,
    "registered value": check_registered_value,
    "service spec": check_service_spec,
    "workflow config": check_workflow_config,
    "test connection": check_test_connection,
    "create": check_create,
}


def run_all(case, checks):
    results = []
    for name, check in checks.items():
        try:
            results.append({"name": name, "ok": True, "detail": check(case)})
        except BaseException as error:  # a failing check must not stop the others
            results.append({
                "name": name, "ok": False,
                "detail": f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=6)}",
            })
    return results


def _tool(name):
    return str(Path(sys.executable).parent / name)


def _run(args, cwd):
    import subprocess

    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    return done.returncode, (done.stdout + done.stderr).strip()


def _ruff_config(settings, line_length: int, folder: Path) -> Path:
    quoted = lambda items: ", ".join(f'"{i}"' for i in items)  # noqa: E731
    lines = [
        "[tool.ruff]",
        f"line-length = {line_length}",
        f'target-version = "{settings["targetVersion"]}"',
        "[tool.ruff.lint]",
        f"select = [{quoted(settings['select'])}]",
        f"ignore = [{quoted(settings['ignore'])}]",
        "[tool.ruff.lint.per-file-ignores]",
        *[f'"{glob}" = [{quoted(codes)}]' for glob, codes in settings["perFileIgnores"].items()],
        "[tool.ruff.lint.isort]",
        f"known-first-party = [{quoted(settings['knownFirstParty'])}]",
        "[tool.ruff.lint.mccabe]",
        f"max-complexity = {settings['maxComplexity']}",
        "[tool.ruff.lint.flake8-tidy-imports]",
        f'ban-relative-imports = "{settings["banRelativeImports"]}"',
    ]
    # a file named pyproject.toml, so ruff reads the [tool.ruff] tables as the repository's own
    (folder / "ruff").mkdir(exist_ok=True)
    path = folder / "ruff" / "pyproject.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def check_formatting(case):
    """The release's own formatter, at the version the release pins, leaves the Python unchanged."""
    formatting = case["formatting"]
    files = case["pythonFiles"]
    root = case["checkout"]
    # the line length the generator lays the Python out for is the one the formatter is run with
    line_length = str(case["lineLength"])
    if formatting["tool"] == "ruff":
        config = str(_ruff_config(formatting["ruff"], line_length, Path(case["work"])))
        runs = {
            "ruff check": [_tool("ruff"), "check", "--no-cache", "--config", config, *files],
            "ruff format": [_tool("ruff"), "format", "--check", "--no-cache", "--config", config, *files],
        }
    else:
        isort = formatting["isort"]
        first_party = [arg for name in isort["knownFirstParty"] for arg in ("--project", name)]
        runs = {
            "pycln": [_tool("pycln"), "--check", "--all", *files],
            "isort": [_tool("isort"), "--check-only", "--diff", "--profile", isort["profile"], *first_party, *files],
            "black": [_tool("black"), "--check", "--diff", "--line-length", line_length, *files],
        }
    failed = []
    for name, args in runs.items():
        code, output = _run(args, root)
        if code != 0:
            failed.append(f"{name}:\n{output[-3000:]}")
    if failed:
        raise AssertionError("\n".join(failed))
    return f"{', '.join(runs)} leave {len(files)} files unchanged"


CHECKS["formatting"] = check_formatting


def checks_for(case):
    """The checks of a case: the usual ones, and the query-log step when its query history is unknown."""
    return {**CHECKS, **({"query-log step": check_query_log_step} if case.get("queryLogTodo") else {})}
