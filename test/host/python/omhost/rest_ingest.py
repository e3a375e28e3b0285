"""`metadata ingest -c <generated workflow>` for a REST connector, against two local servers.

The source's hostPort points at a fake of its API (omhost.fake_api, with the token the
workflow sends), the OpenMetadata server at the API stand-in (omhost.om_standin); the venv's
own `metadata` entry point runs the workflow as a subprocess with the overlay active.
Both servers run in this process and record every request.
"""
from pathlib import Path

import yaml

from omhost.fake_api import FakeSourceApi
from omhost.ingest import ingest_answer, metadata_ingest, server_version
from omhost.om_standin import serve_in_thread


def pointed_workflow(workflow: dict, source_url: str, token: str, api_url: str) -> dict:
    config = workflow["source"]["serviceConnection"]["config"]
    config.update({"hostPort": source_url, "token": token})
    workflow["workflowConfig"]["openMetadataServerConfig"]["hostPort"] = api_url
    return workflow


def run(req) -> dict:
    work = Path(req["work"])
    work.mkdir(parents=True, exist_ok=True)
    record = work / "requests.jsonl"
    record.unlink(missing_ok=True)
    timeout = req.get("timeout", 600)
    with FakeSourceApi(req["apiToken"], req["routes"]) as api:
        standin = serve_in_thread(record, server_version(), Path(req["testConnections"]), timeout=timeout)
        try:
            workflow = yaml.safe_load(Path(req["workflow"]).read_text())
            config_file = work / "workflow.yaml"
            config_file.write_text(yaml.safe_dump(pointed_workflow(workflow, api.url, req["apiToken"], standin.api_url), sort_keys=False))
            exit_code, output = metadata_ingest(config_file, req["overlay"], work, timeout - 30)
        finally:
            standin.shutdown()
            standin.server_close()
        source_requests = list(api.log)
    entities = standin.store.entities
    return {
        **ingest_answer(config_file, exit_code, output, record, standin),
        "sourceRequests": source_requests,
        "services": sorted(entities.get("services/dashboardServices", {})),
        "charts": sorted(entities.get("charts", {}).values(), key=lambda e: e["fullyQualifiedName"]),
        "dashboards": sorted(entities.get("dashboards", {}).values(), key=lambda e: e["fullyQualifiedName"]),
    }
