"""Entry points of the host layer, one per subcommand; each reads a JSON request on stdin
and prints a JSON answer as the last line of stdout.

  models   generate the changed schemas' models; lay them and the connector over the package
  checks   run omhost.checks in a process where the overlay is active
  parity   regenerate shipped models and compare them with the installed ones
  facts    read from the installed package what the generator assumes
"""
import difflib
import importlib
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


def cmd_models(req):
    """One or many cases (`cases`): the installed package is imported once for all of them."""
    results = []
    for case in req.get("cases", [req]):
        try:
            results.append(models_of(case))
        except Exception as error:  # one broken case must not hide the others
            results.append({"error": f"{type(error).__name__}: {error}"})
    answer(results)


def models_of(req):
    from omhost import models

    work = Path(req["work"])
    result = models.build(Path(req["specRoot"]), req["changedSchemas"], work / "models", req["modelStep"])
    overlay = work / "overlay"
    shutil.rmtree(overlay, ignore_errors=True)
    for rel, generated in result["generated"].items():
        target = overlay / "metadata/generated/schema" / models.python_rel(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(generated, target)
    package = overlay / "metadata/ingestion/source" / req["serviceType"] / req["package"]
    shutil.copytree(req["sourceDir"], package, ignore=shutil.ignore_patterns("*.md", "__pycache__"))
    result["overlay"] = str(overlay)
    return result


def cmd_checks(req):
    """The checks, then the generated unit tests under pytest, in this process (overlay active)."""
    import contextlib
    import io

    import pytest

    from omhost import checks, server

    results = checks.run_all(req, server.checks_with_server() if req.get("server") else checks.CHECKS)
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        # pytest rewrites the modules of every distribution that ships a plugin (openmetadata-ingestion
        # does), loading them past the overlay's finder; plain asserts keep the overlay in charge.
        # a collection warning (a Test* class pytest cannot collect) fails the run; no test collected exits 5
        warnings_fail = ["-W", "error::pytest.PytestCollectionWarning"]
        code = pytest.main(["-q", "-p", "no:cacheprovider", "--assert=plain", *warnings_fail, "--rootdir", req["work"], req["unitTest"]])
    results.append({"name": "pytest", "ok": code == 0, "detail": output.getvalue()[-6000:]})
    answer(results)


def cmd_parity(req):
    from omhost import models

    installed = installed_schema_root()
    results = []
    for rel in req["schemas"]:
        work = Path(req["work"]) / Path(rel).stem
        built = models.build(Path(req["specRoot"]), [rel], work, req["modelStep"])
        expected = models.without_header((installed / models.python_rel(rel)).read_text())
        actual = models.without_header(Path(built["generated"][rel]).read_text())
        diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                         f"installed {rel}", f"regenerated {rel}", lineterm=""))
        results.append({"schema": rel, "identical": not diff, "diff": "\n".join(diff),
                        "missing": built["missing"]})
    answer(results)


def cmd_facts(req):
    from omhost import facts

    answer(facts.read(req))


def cmd_checks_api(req):
    """2.0's checks API on one case (omhost.checks_api), in this process (overlay active)."""
    from omhost import checks_api

    answer(checks_api.facts_problems(req["checksApi"]) if req.get("factsOnly") else checks_api.run(req))


def main():
    command = sys.argv[1]
    request = json.loads(sys.stdin.read() or "{}")
    {"models": cmd_models, "checks": cmd_checks, "parity": cmd_parity, "facts": cmd_facts, "checks-api": cmd_checks_api}[command](request)


if __name__ == "__main__":
    main()
