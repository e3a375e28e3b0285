"""Generated REST connectors against a local fake of their source API (omhost.fake_api).

Nothing of the connector is patched: the generated client sends real HTTP requests to
the fake, with the token of the workflow config. Only the OpenMetadata client is
mocked (checks.mocked_metadata, which serves the generated test-connection definition).
The host's test-connection runner and Source.create() (which runs the test connection
itself) are the installed package's.
"""
import copy
from unittest.mock import patch

from omhost import checks
from omhost.fake_api import FakeSourceApi


def source_config(case, url: str, token: str) -> dict:
    """The unit test's workflow source, pointed at the fake API with a token."""
    source = copy.deepcopy(checks.workflow_config(case)["source"])
    connection = source["serviceConnection"]["config"]
    connection["hostPort"] = url
    connection["token"] = token
    return source


def _step_results(result) -> list:
    return [
        {"name": s.name, "passed": s.passed, "mandatory": s.mandatory, "errorLog": s.errorLog}
        for s in result.steps
    ]


def _recording_results(record: list):
    """The host's raise_test_connection_exception, keeping each result it is given."""
    from metadata.ingestion.source import connections

    real_raise = connections.raise_test_connection_exception

    def keep(result):
        record.append(_step_results(result))
        real_raise(result)

    return patch.object(connections, "raise_test_connection_exception", side_effect=keep)


def _error(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def test_connection_run(case, source: dict) -> dict:
    """The host's runner through get_connection, as the UI's test connection runs it."""
    from metadata.generated.schema.metadataIngestion.workflow import OpenMetadataWorkflowConfig
    from metadata.ingestion.source import connections

    config = checks.workflow_config(case)
    config["source"] = source
    service_connection = OpenMetadataWorkflowConfig.model_validate(config).source.serviceConnection.root.config
    metadata, _ = checks.mocked_metadata(case)
    record, error = [], None
    with _recording_results(record):
        try:
            connections.test_connection_common(metadata, connections.get_connection(service_connection), service_connection)
        except Exception as failure:  # reported, judged by the spec
            error = _error(failure)
    return {"steps": record[0] if record else [], "error": error}


def create_run(case, source: dict) -> dict:
    """Source.create(config, metadata), found through the host's own loader."""
    from metadata.utils.service_spec.service_spec import import_source_class

    metadata, _ = checks.mocked_metadata(case)
    source_class = import_source_class(checks._service_type(case), case["sourceType"])
    record, error, created = [], None, None
    with _recording_results(record):
        try:
            created = type(source_class.create(source, metadata)).__name__
        except Exception as failure:
            error = _error(failure)
    return {"created": created, "error": error, "steps": record[0] if record else []}


def run(case) -> dict:
    """Test connection and create with the right token, then create with a wrong one."""
    with FakeSourceApi(case["apiToken"], case["routes"]) as api:
        right = source_config(case, api.url, case["apiToken"])
        result = {"testConnection": test_connection_run(case, right)}
        start = len(api.log)
        result["create"] = create_run(case, right)
        result["createRequests"] = api.log[start:]
        result["wrongToken"] = create_run(case, source_config(case, api.url, "not-" + case["apiToken"]))
        result["requests"] = api.log
    return result
