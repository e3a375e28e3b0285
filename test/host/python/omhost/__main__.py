"""Entry points of the host layer, one per subcommand; each reads a JSON request on stdin
and prints a JSON answer as the last line of stdout.

  complete give a schema tree a stand-in for every file it refers to but lacks (omhost.tree)
  overlay  lay the models the generator wrote (--generate-models) and the connector over the package
  checks   run omhost.checks in a process where the overlay is active
  installed where the installed package keeps its generated models (the parity gate reads them)
  facts    read from the installed package what the generator assumes
  ingest   run `metadata ingest` on a generated workflow against the API stand-in
  rest     REST connectors against a local fake source API: test connection and create (overlay active)
  rest-ingest  `metadata ingest` of a REST connector's workflow, against the fake source API and the stand-in
  fill     fill a generated dashboard connector's metadata.py stubs as a user would (omhost.fill)
"""
import json
import shutil
import sys
from pathlib import Path

ROOT_MARK = "__OMHOST_RESULT__"


def answer(value):
    print(ROOT_MARK + json.dumps(value), flush=True)


def installed_schema_root() -> Path:
    import metadata.generated.schema as schema

    return Path(list(schema.__path__)[0])


def cmd_complete(req):
    from omhost import tree

    answer(tree.complete(Path(req["specRoot"])))


def cmd_overlay(req):
    """One or many cases (`cases`): each case's models and source package copied into its overlay."""
    results = []
    for case in req.get("cases", [req]):
        try:
            results.append(overlay_of(case))
        except Exception as error:  # one broken case must not hide the others
            results.append({"error": f"{type(error).__name__}: {error}"})
    answer(results)


def overlay_of(req):
    overlay = Path(req["work"]) / "overlay"
    shutil.rmtree(overlay, ignore_errors=True)
    for module in req["models"]:
        source = Path(req["modelsRoot"]) / module
        if not source.is_file():
            raise FileNotFoundError(f"the generator wrote no model {module} under {req['modelsRoot']}")
        target = overlay / "metadata/generated/schema" / module
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    package = overlay / "metadata/ingestion/source" / req["serviceType"] / req["package"]
    shutil.copytree(req["sourceDir"], package, ignore=shutil.ignore_patterns("*.md", "__pycache__"))
    return {"overlay": str(overlay)}


def cmd_checks(req):
    """The checks, then the generated unit tests under pytest, in this process (overlay active)."""
    import contextlib
    import io

    import pytest

    from omhost import checks, server

    results = checks.run_all(req, server.checks_with_server(req) if req.get("server") else checks.checks_for(req))
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        # pytest rewrites the modules of every distribution that ships a plugin (openmetadata-ingestion
        # does), loading them past the overlay's finder; plain asserts keep the overlay in charge.
        # a collection warning (a Test* class pytest cannot collect) fails the run; no test collected exits 5
        warnings_fail = ["-W", "error::pytest.PytestCollectionWarning"]
        code = pytest.main(["-q", "-p", "no:cacheprovider", "--assert=plain", *warnings_fail, "--rootdir", req["work"], req["unitTest"]])
    results.append({"name": "pytest", "ok": code == 0, "detail": output.getvalue()[-6000:]})
    answer(results)


def cmd_installed(req):
    answer(str(installed_schema_root()))


def cmd_facts(req):
    from omhost import facts

    answer(facts.read(req))


def cmd_ingest(req):
    from omhost import ingest

    answer(ingest.run(req))


def cmd_rest(req):
    from omhost import rest

    answer(rest.run(req))


def cmd_rest_ingest(req):
    from omhost import rest_ingest

    answer(rest_ingest.run(req))


def cmd_fill(req):
    from omhost import fill

    answer(fill.fill(Path(req["file"])))


def cmd_checks_api(req):
    """2.0's checks API on one case (omhost.checks_api), in this process (overlay active)."""
    from omhost import checks_api

    answer(checks_api.facts_problems(req["checksApi"]) if req.get("factsOnly") else checks_api.run(req))


def main():
    command = sys.argv[1]
    request = json.loads(sys.stdin.read() or "{}")
    commands = {"complete": cmd_complete, "overlay": cmd_overlay, "checks": cmd_checks, "installed": cmd_installed,
                "facts": cmd_facts, "ingest": cmd_ingest, "rest": cmd_rest, "rest-ingest": cmd_rest_ingest, "fill": cmd_fill,
                "checks-api": cmd_checks_api}
    commands[command](request)


if __name__ == "__main__":
    main()
