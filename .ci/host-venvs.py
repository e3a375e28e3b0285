#!/usr/bin/env python3
"""Builds, once per pin set, what the host layer (npm run test:host) runs in.

For every release in test/host/releases.json it prepares, under
$GENERATOR_CONNECTOR_CACHE (default ~/.cache/generator-connector/host):

  <release>-<key>/venv       Python 3.11 with openmetadata-ingestion[extras]==<release>,
                             pytest, and the dev tools that release pins in its wheel
                             metadata (datamodel-code-generator, ruff or black/isort/pycln)
  <release>-<key>/spec       the release's JSON Schema tree from the openmetadata-spec jar
                             on Maven Central, when the jar is served (else absent)
  <release>-<key>/host.json  what was resolved: versions, spec source, paths

<key> hashes the release entry and LAYOUT, so a changed pin builds a new folder.
A folder counts only once host.json is written (an interrupted build is redone).
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("GENERATOR_CONNECTOR_CACHE", Path.home() / ".cache/generator-connector/host"))
LAYOUT = "1"  # bump when what a folder holds changes
DEV_TOOLS = ("datamodel-code-generator", "ruff", "black", "isort", "pycln")


def run(cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def key_of(entry, python):
    text = json.dumps(entry, sort_keys=True) + python + LAYOUT
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def dev_pins(wheel):
    """The dev extra's pins of the tools we run, read from the wheel's METADATA."""
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = zf.read(name).decode()
    pins = {}
    for line in metadata.splitlines():
        m = re.match(r"Requires-Dist: ([A-Za-z0-9_.-]+)\s*\(?([^;)]*)\)?\s*;\s*extra\s*==\s*['\"]dev['\"]", line)
        if m and m.group(1).lower() in DEV_TOOLS:
            pins[m.group(1).lower()] = m.group(2).replace(" ", "")
    return pins


def fetch_spec(release, dest):
    """openmetadata-spec jar of the release (Maven versions drop a fourth part)."""
    candidates = [release, ".".join(release.split(".")[:3])]
    with tempfile.TemporaryDirectory() as tmp:
        for version in dict.fromkeys(candidates):
            result = subprocess.run(
                ["mvn", "-q", "-B", "dependency:copy",
                 f"-Dartifact=org.open-metadata:openmetadata-spec:{version}:jar",
                 f"-DoutputDirectory={tmp}"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            jars = list(Path(tmp).glob("*.jar"))
            if result.returncode == 0 and jars:
                with zipfile.ZipFile(jars[0]) as zf:
                    members = [n for n in zf.namelist() if n.startswith("json/schema/")]
                    zf.extractall(dest, members)
                return f"org.open-metadata:openmetadata-spec:{version} (Maven Central)"
    return None


def build(entry, python):
    release = entry["ingestion"]
    folder = CACHE / f"{release}-{key_of(entry, python)}"
    if (folder / "host.json").exists():
        print(f"host {release}: cached in {folder}")
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    wheels = folder / "wheel"
    run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", wheels,
         f"openmetadata-ingestion=={release}"])
    pins = dev_pins(next(wheels.glob("*.whl")))
    venv = folder / "venv"
    run([f"python{python}", "-m", "venv", venv])
    pip = [venv / "bin/python", "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    extras = ",".join(entry["extras"])
    tools = [f"{name}{spec}" for name, spec in sorted(pins.items())]
    constraints = folder / "constraints.txt"
    constraints.write_text("".join(f"{c}\n" for c in entry.get("constraints", [])))
    run(pip + ["-c", constraints, f"openmetadata-ingestion[{extras}]=={release}",
               f"pytest=={entry['pytest']}", *tools, *entry.get("undeclared", [])])
    spec_source = fetch_spec(release, folder / "spec")
    freeze = subprocess.run([venv / "bin/python", "-m", "pip", "freeze"], check=True,
                            capture_output=True, text=True).stdout
    resolved = dict(line.split("==", 1) for line in freeze.splitlines() if "==" in line)
    wanted = ["openmetadata-ingestion", "pydantic", "SQLAlchemy", "sqlalchemy", "psycopg2-binary",
              "pytest", *[p for p in pins]]
    info = {
        "release": release,
        "line": entry["line"],
        "python": python,
        "venv": str(venv),
        "devPins": pins,
        "resolved": {k: v for k, v in resolved.items() if k in wanted or k.lower() in wanted},
        "spec": str(folder / "spec" / "json" / "schema") if spec_source else None,
        "specSource": spec_source,
    }
    (folder / "host.json").write_text(json.dumps(info, indent=2) + "\n")
    shutil.rmtree(wheels)
    print(f"host {release}: built in {folder}")
    return folder


def main():
    config = json.loads((ROOT / "test/host/releases.json").read_text())
    index = {}
    for entry in config["releases"]:
        index[entry["ingestion"]] = str(build(entry, config["python"]) / "host.json")
    CACHE.mkdir(parents=True, exist_ok=True)
    # Tells the test run which folders belong to the current pins.
    (CACHE / "current.json").write_text(json.dumps(index, indent=2) + "\n")


if __name__ == "__main__":
    main()
