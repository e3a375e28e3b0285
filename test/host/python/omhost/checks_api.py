"""The checks API of 2.0 (metadata.core.connections.test_connection), judged on a generated connector.

  facts       the modules, names and step enums the generator assumes exist as it says
  provider    the connection class of the service spec gives a checks provider with one
              @check per step of the generated definition, each named by the type's enum
  automation  the test connection run as the server's automation workflow runs it:
              metadata.automations.execute_runner.execute(workflow), with only the
              OpenMetadata client a stand-in; the result the runner reports back
"""
import copy
import importlib
import uuid
from unittest.mock import patch

from omhost import checks


def facts_problems(api):
    """What the installed package lacks of what the generator imports and names."""
    problems = []

    def names_in(module_name, names):
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            return [f"{module_name} does not import: {error}"]
        return [f"{module_name} has no {name}" for name in names if not hasattr(module, name)]

    for key in ("core", "restHelpers", "sqlalchemyHelpers"):
        problems += names_in(api[key]["module"], api[key]["names"])
    for key in ("borrowed", "networkErrors"):
        problems += names_in(api[key]["module"], [api[key]["name"]])
    from metadata.core.connections.test_connection import StepName

    for service_type, enum in api["stepEnums"].items():
        found = names_in(enum["module"], [enum["name"]])
        if found:
            problems += found
            continue
        cls = getattr(importlib.import_module(enum["module"]), enum["name"])
        if not issubclass(cls, StepName):
            problems.append(f"{enum['name']} is not a StepName")
        members = [m.value for m in cls]
        if members != enum["members"]:
            problems.append(f"{service_type}: {enum['name']} has {members}, the facts say {enum['members']}")
    return problems


def _connection_class(case):
    from metadata.utils.service_spec.service_spec import BaseSpec, import_connection_class

    spec = BaseSpec.get_for_source(checks._service_type(case), case["sourceType"])
    if not getattr(spec, "connection_class", None):
        raise AssertionError("the service spec names no connection_class: the host would run the legacy test_connection")
    return import_connection_class(checks._service_type(case), case["sourceType"])


def provider(case, step_enum):
    """The checks provider the host's runner gets, and what its @check methods claim."""
    from metadata.core.connections.test_connection import collect_checks

    checks.ensure_dialect(case)
    _, definition = checks.mocked_metadata(case)
    connection_class = _connection_class(case)
    with connection_class(checks._service_connection(case)) as owned:
        checks_provider = owned.checks()
        collected = collect_checks(checks_provider)
    enum = getattr(importlib.import_module(step_enum["module"]), step_enum["name"])
    decorated = [
        getattr(member, "__check__")
        for klass in type(checks_provider).__mro__
        for member in vars(klass).values()
        if hasattr(member, "__check__")
    ]
    return {
        "connectionClass": f"{connection_class.__module__}.{connection_class.__name__}",
        "checksClass": type(checks_provider).__name__,
        "definitionSteps": [s.name for s in definition.steps],
        "checkSteps": list(collected),
        "decorated": len(decorated),
        "notEnumMembers": [str(name) for name in decorated if not isinstance(name, enum)],
        "hasErrorPack": type(getattr(checks_provider, "errors", None)).__name__,
    }


def _automation_workflow(case, config):
    from metadata.generated.schema.entity.automations.workflow import Workflow

    return Workflow.model_validate({
        "id": str(uuid.uuid4()),
        "name": f"test-connection-{case['package']}",
        "workflowType": "TEST_CONNECTION",
        "request": {
            "connection": {"config": config},
            "serviceType": case["serviceEnumMember"],
            "connectionType": case["typeValue"],
            "serviceName": f"omhost_{case['package']}",
        },
        "openMetadataServerConnection": checks.workflow_config(case)["workflowConfig"]["openMetadataServerConfig"],
    })


def automation(case, config, password=None):
    """Runs execute(workflow) as the server's automation does; returns the final result it patched back."""
    from metadata.automations import execute_runner
    from metadata.generated.schema.entity.automations.workflow import Workflow

    config = copy.deepcopy(config)
    if password is not None:
        config["authType"] = {"password": password}
    workflow = _automation_workflow(case, config)
    metadata, _ = checks.mocked_metadata(case)
    serve_definition = metadata.get_by_name.side_effect

    def get_by_name(entity, fqn, *args, **kwargs):
        if entity is Workflow:
            return workflow
        return serve_definition(entity, fqn, *args, **kwargs)

    metadata.get_by_name.side_effect = get_by_name
    with patch.object(execute_runner, "OpenMetadata", return_value=metadata):
        execute_runner.execute(workflow)
    reports = metadata.patch_automation_workflow_response.call_args_list
    if not reports:
        raise AssertionError("the runner never reported a result to the workflow")
    _, result, status = reports[-1].args
    return {
        "workflowStatus": status.value,
        "status": result.status.value,
        "reports": len(reports),
        "steps": [
            {
                "name": s.name,
                "passed": s.passed,
                "status": s.status.value if s.status else None,
                "mandatory": s.mandatory,
                "errorLog": s.errorLog,
                "skipReason": s.skipReason.value if s.skipReason else None,
                "diagnosis": {"title": s.diagnosis.title, "remediation": s.diagnosis.remediation} if s.diagnosis else None,
                "summary": s.resultSummary,
            }
            for s in result.steps
        ],
    }


def create_on_server(case):
    """Source.create with the server's config: create runs the test connection, which needs a reachable server."""
    from omhost import server
    from metadata.utils.service_spec.service_spec import import_source_class

    metadata, _ = checks.mocked_metadata(case)
    source_class = import_source_class(checks._service_type(case), case["sourceType"])
    source = source_class.create(server.server_source_config(case), metadata)
    try:
        if type(source).__name__ != case["sourceClass"]:
            raise AssertionError(f"create returned {type(source).__name__}")
    finally:
        source.close()
    return f"{case['sourceClass']}.create(config, metadata) built the source against the server"


def run(req):
    """Every judgement of one case; a failing part is reported, not raised, so the others still run."""
    answers = {}
    parts = {"provider": lambda: provider(req, req["stepEnum"])}
    if req.get("server"):
        from omhost import server

        server.seed(req["server"]["url"])
        config = server.server_source_config(req)["serviceConnection"]["config"]
        parts["automation"] = lambda: automation(req, config)
        parts["automationWrongPassword"] = lambda: automation(req, config, password="not-the-password")
    parts["create"] = (lambda: create_on_server(req)) if req.get("server") else (lambda: checks.check_create(req))
    for name, part in parts.items():
        try:
            answers[name] = {"ok": True, "value": part()}
        except BaseException as error:  # one failing part must not hide the others
            import traceback

            answers[name] = {"ok": False, "error": f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=8)}"}
    return answers
