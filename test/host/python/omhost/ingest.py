"""`metadata ingest -c <workflow>` as a user runs it, against the OpenMetadata API stand-in.

The generated example workflow is pointed at the real server (connection fields from its URL) and
at the stand-in (openMetadataServerConfig.hostPort), then the venv's own `metadata` entry point
runs it as a subprocess with the overlay active (the generated connector and its models laid over
the installed package). The stand-in runs in this process and records every request.
"""
import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from omhost.om_standin import serve_in_thread

PYTHON_DIR = Path(__file__).resolve().parent.parent


def seed(url: str, sql: str) -> None:
    import psycopg2

    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        cursor.execute(sql)
    conn.close()


def pointed_workflow(workflow: dict, server_url: str, schema: str, api_url: str) -> dict:
    """The example workflow with the server's address and credentials, one schema, and the stand-in."""
    url = urlsplit(server_url)
    config = workflow["source"]["serviceConnection"]["config"]
    config.update({
        "hostPort": f"{url.hostname}:{url.port}",
        "username": unquote(url.username),
        "authType": {"password": unquote(url.password)},
        "databaseName": url.path.lstrip("/"),
    })
    workflow["source"]["sourceConfig"]["config"]["schemaFilterPattern"] = {"includes": [f"^{schema}$"]}
    workflow["workflowConfig"]["openMetadataServerConfig"]["hostPort"] = api_url
    return workflow


def metadata_ingest(config_file: Path, overlay: str, work: Path, timeout: int):
    """The venv's own `metadata ingest -c`, with the overlay active: (exit code or None on a timeout, output)."""
    env = {**os.environ, "PYTHONPATH": str(PYTHON_DIR), "OMHOST_OVERLAY": overlay, "PYTHONDONTWRITEBYTECODE": "1"}
    metadata = str(Path(sys.executable).parent / "metadata")
    try:
        done = subprocess.run([metadata, "ingest", "-c", str(config_file)], env=env, cwd=work,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        return None, f"metadata ingest timed out: {expired}"
    return done.returncode, done.stdout + done.stderr


def ingest_answer(config_file: Path, exit_code, output: str, record: Path, standin) -> dict:
    """What a run answers the spec: the command, its exit and output, and what the stand-in recorded and did not know."""
    requests = [json.loads(line) for line in record.read_text().splitlines()] if record.exists() else []
    return {
        "command": f"metadata ingest -c {config_file}",
        "exitCode": exit_code,
        "output": output,
        "requests": requests,
        "unknown": sorted(set(standin.unknown)),
    }


def server_version() -> str:
    """The release of the installed client (2.0.7.0 -> 2.0.7): the client requires the same major.minor."""
    return ".".join(importlib.metadata.version("openmetadata-ingestion").split(".")[:3])


def run(req) -> dict:
    work = Path(req["work"])
    work.mkdir(parents=True, exist_ok=True)
    seed(req["serverUrl"], req["seedSql"])
    record = work / "requests.jsonl"
    record.unlink(missing_ok=True)
    standin = serve_in_thread(record, server_version(), Path(req["testConnections"]), timeout=req.get("timeout", 600))
    try:
        workflow = yaml.safe_load(Path(req["workflow"]).read_text())
        workflow = pointed_workflow(workflow, req["serverUrl"], req["schema"], standin.api_url)
        config_file = work / "workflow.yaml"
        config_file.write_text(yaml.safe_dump(workflow, sort_keys=False))
        exit_code, output = metadata_ingest(config_file, req["overlay"], work, req.get("timeout", 600) - 30)
    finally:
        standin.shutdown()
        standin.server_close()
    return {**ingest_answer(config_file, exit_code, output, record, standin), "apiUrl": standin.api_url}
