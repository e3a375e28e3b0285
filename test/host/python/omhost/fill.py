"""Fills a generated dashboard connector's TODO bodies the way a user would, for the ingest spec.

The generated metadata.py stubs are found with `ast` and their bodies replaced by calls of
the generated endpoint methods (client.get_dashboards(), client.get_charts()), following
the fake API's pages (omhost.fake_api) through the client's own _request. The file is
otherwise left as generated; the imports the bodies need are added after the others.

Usage: python -m omhost.fill <metadata.py>
"""
import ast
import sys
import textwrap
from pathlib import Path

IMPORTS = """
from metadata.generated.schema.api.data.createChart import CreateChartRequest
from metadata.generated.schema.api.data.createDashboard import CreateDashboardRequest
from metadata.generated.schema.entity.data.chart import Chart, ChartType
from metadata.generated.schema.type.basic import EntityName, FullyQualifiedEntityName, SourceUrl
from metadata.utils import fqn
"""

BODIES = {
    "get_dashboards_list": """
        return list(self._every_item(self.client.get_dashboards()))
    """,
    "get_dashboard_name": """
        return dashboard["name"]
    """,
    "get_dashboard_details": """
        return dashboard
    """,
    "yield_dashboard_chart": """
        if not hasattr(self, "_charts_by_id"):
            self._charts_by_id = {c["id"]: c for c in self._every_item(self.client.get_charts())}
        for chart_id in dashboard_details["charts"]:
            chart = self._charts_by_id[chart_id]
            request = CreateChartRequest(
                name=EntityName(chart["id"]),
                displayName=chart["name"],
                chartType=ChartType.Line,
                sourceUrl=SourceUrl(f"{self.client.base_url}/charts/{chart['id']}"),
                service=FullyQualifiedEntityName(self.context.get().dashboard_service),
            )
            yield Either(right=request)
            # 2.0 marks the charts a run did not register as deleted (1.12 has no such step)
            if hasattr(self, "register_record_chart"):
                self.register_record_chart(chart_request=request)
    """,
    "yield_dashboard": """
        service = self.context.get().dashboard_service
        charts = [
            FullyQualifiedEntityName(
                fqn.build(self.metadata, entity_type=Chart, service_name=service, chart_name=name)
            )
            for name in self.context.get().charts or []
        ]
        request = CreateDashboardRequest(
            name=EntityName(dashboard_details["id"]),
            displayName=dashboard_details["name"],
            sourceUrl=SourceUrl(f"{self.client.base_url}/dashboards/{dashboard_details['id']}"),
            charts=charts,
            service=FullyQualifiedEntityName(service),
        )
        yield Either(right=request)
        self.register_record(dashboard_request=request)
    """,
}

# a helper method the bodies share: every item of a paginated list, page after page
HELPER = """
    def _every_item(self, page):
        while True:
            yield from page["items"]
            if not page.get("next"):
                return
            page = self.client._request("GET", page["next"])
"""


def fill(path: Path) -> list:
    """Rewrites the stubs named in BODIES; returns the names it filled."""
    text = path.read_text()
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    source_class = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name.endswith("Source"))
    stubs = [n for n in source_class.body if isinstance(n, ast.FunctionDef) and n.name in BODIES]
    # from the bottom up, so earlier line numbers stay valid
    for stub in sorted(stubs, key=lambda n: n.lineno, reverse=True):
        first = stub.body[0].lineno - 1
        # the TODO comments above the first statement belong to the stub's body too
        while lines[first - 1].strip().startswith("#"):
            first -= 1
        body = textwrap.indent(textwrap.dedent(BODIES[stub.name]).strip("\n") + "\n", " " * 8)
        lines[first:stub.end_lineno] = [body]
    end = source_class.end_lineno
    lines[end:end] = [HELPER]
    last_import = max(n.end_lineno for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))
    lines[last_import:last_import] = [IMPORTS]
    path.write_text("".join(lines))
    ast.parse(path.read_text())
    return sorted(s.name for s in stubs)


if __name__ == "__main__":
    print(" ".join(fill(Path(sys.argv[1]))))
