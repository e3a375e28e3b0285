"""A local stand-in for the OpenMetadata server API, for `metadata ingest` runs in the host layer.

The real server needs its own distribution and a search engine; this one serves only the routes
a metadata workflow calls, from the API's contract: entities are built from the create requests
the client sends (id, fullyQualifiedName, references to their parents) and kept, so a later GET
by name finds them. Every request is recorded (method, path, query, JSON body) as one JSON line
in the record file. A route it does not serve answers 404 and is listed as unknown. Standard
library only; it stops when told to and on its own after a timeout.

    python -m omhost.om_standin --record FILE --version 2.0.7 [--test-connections DIR] [--timeout S]
prints `listening on http://127.0.0.1:<port>/api` once it serves.
"""
import argparse
import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

API = "/api/v1/"

# Entity collections under /api/v1: the entity type of their references, the field of a create
# request that names the parent by FQN, and the parent's collection.
DATABASE_KINDS = {
    "databases": ("database", "service", "services/databaseServices"),
    "databaseSchemas": ("databaseSchema", "database", "databases"),
    "tables": ("table", "databaseSchema", "databaseSchemas"),
    "storedProcedures": ("storedProcedure", "databaseSchema", "databaseSchemas"),
}
# Dashboard entities name their service by FQN; a dashboard names its charts by FQN too.
DASHBOARD_KINDS = {
    "charts": ("chart", "service", "services/dashboardServices"),
    "dashboards": ("dashboard", "service", "services/dashboardServices"),
    "dashboard/datamodels": ("dashboardDataModel", "service", "services/dashboardServices"),
}
ENTITY_KINDS = {**DATABASE_KINDS, **DASHBOARD_KINDS}
SERVICE_COLLECTION = re.compile(r"^services/(\w+)Services$")


def quote_name(name: str) -> str:
    """An FQN part as OpenMetadata writes it: quoted when it holds a dot."""
    return f'"{name}"' if "." in name and not name.startswith('"') else name


class Store:
    """The entities created so far, by collection and FQN."""

    def __init__(self, test_connections: Path | None):
        self.entities: dict[str, dict[str, dict]] = {}
        self.test_connections = test_connections
        self.lock = threading.Lock()

    def find(self, collection: str, fqn: str) -> dict | None:
        return self.entities.get(collection, {}).get(fqn)

    def find_by_id(self, collection: str, entity_id: str) -> dict | None:
        return next((e for e in self.entities.get(collection, {}).values() if e["id"] == entity_id), None)

    def put(self, collection: str, request: dict) -> dict:
        """Create or update from a create request: the stored entity keeps its id across updates."""
        with self.lock:
            entity = self._entity_of(collection, request)
            known = self.find(collection, entity["fullyQualifiedName"])
            if known:
                entity["id"] = known["id"]
                entity["version"] = round(known["version"] + 0.1, 1)
            self.entities.setdefault(collection, {})[entity["fullyQualifiedName"]] = entity
            return entity

    def _entity_of(self, collection: str, request: dict) -> dict:
        entity = {key: value for key, value in request.items() if key not in ("domains", "dataProducts")}
        entity.update({"id": str(uuid.uuid4()), "version": 0.1, "updatedAt": int(time.time() * 1000),
                       "updatedBy": "ingestion-bot", "deleted": False})
        service = SERVICE_COLLECTION.match(collection)
        if service:
            entity["fullyQualifiedName"] = quote_name(request["name"])
        else:
            _, parent_field, parent_collection = ENTITY_KINDS[collection]
            parent = self.find(parent_collection, request[parent_field])
            if parent is None:
                raise LookupError(f"{parent_field} {request[parent_field]!r} does not exist")
            entity["fullyQualifiedName"] = f"{parent['fullyQualifiedName']}.{quote_name(request['name'])}"
            # the parent as a reference, and the parent's own ancestors (a table knows its database and service)
            for ancestor in ("service", "database"):
                if ancestor in parent and ancestor != parent_field:
                    entity[ancestor] = parent[ancestor]
            entity[parent_field] = reference(parent, parent_collection)
            if "columns" in entity:
                entity["columns"] = [with_fqn(c, entity["fullyQualifiedName"]) for c in entity["columns"]]
            if collection == "dashboards":
                entity["charts"] = [self._reference_by_fqn("charts", chart) for chart in request.get("charts") or []]
        entity["href"] = f"http://127.0.0.1/api/v1/{collection}/{entity['id']}"
        return entity

    def _reference_by_fqn(self, collection: str, fqn: str) -> dict:
        known = self.find(collection, fqn)
        if known is None:
            raise LookupError(f"{collection} {fqn!r} does not exist")
        return reference(known, collection)

    def test_connection_definition(self, fqn: str) -> dict | None:
        """`<Type>.testConnectionDefinition`: the definition file of that type, from the checkout."""
        if not self.test_connections or not fqn.endswith(".testConnectionDefinition"):
            return None
        name = fqn[: -len(".testConnectionDefinition")]
        for file in sorted(self.test_connections.rglob("*.json")):
            definition = json.loads(file.read_text())
            if definition.get("name") == name:
                return {**definition, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, fqn)), "fullyQualifiedName": fqn}
        return None

    def stale_deleted(self, collection: str, request: dict) -> int:
        """deleteStale: soft-deletes the entities under the scope the run did not report."""
        scope = request["scopeFqn"] + "."
        seen = set(request.get("seenFqns", []))
        stale = [e for fqn, e in self.entities.get(collection, {}).items() if fqn.startswith(scope) and fqn not in seen]
        for entity in stale:
            entity["deleted"] = True
        return len(stale)


def reference(entity: dict, collection: str) -> dict:
    service = SERVICE_COLLECTION.match(collection)
    ref_type = f"{service.group(1)}Service" if service else ENTITY_KINDS[collection][0]
    return {"id": entity["id"], "type": ref_type, "name": entity["name"],
            "fullyQualifiedName": entity["fullyQualifiedName"], "deleted": False}


def with_fqn(column: dict, parent_fqn: str) -> dict:
    fqn = f"{parent_fqn}.{quote_name(column['name'])}"
    column = {**column, "fullyQualifiedName": fqn}
    if column.get("children"):
        column["children"] = [with_fqn(c, fqn) for c in column["children"]]
    return column


def bulk_result(processed: list[str], failed: list[tuple[dict, str]]) -> dict:
    return {
        "status": "success" if not failed else ("failure" if not processed else "partialSuccess"),
        "numberOfRowsProcessed": len(processed) + len(failed),
        "numberOfRowsPassed": len(processed),
        "numberOfRowsFailed": len(failed),
        "successRequest": [{"request": fqn, "message": "Entity created or updated", "status": 200} for fqn in processed],
        "failedRequest": [{"request": request.get("name"), "message": why, "status": 400} for request, why in failed],
    }


def page(items: list[dict]) -> dict:
    return {"data": items, "paging": {"total": len(items)}}


class Handler(BaseHTTPRequestHandler):
    server_version = "omhost-standin/1"

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass  # every request goes to the record file instead

    def do_GET(self):
        self._serve("GET")

    def do_PUT(self):
        self._serve("PUT")

    def do_POST(self):
        self._serve("POST")

    def do_PATCH(self):
        self._serve("PATCH")

    def do_DELETE(self):
        self._serve("DELETE")

    def _serve(self, method: str):
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        query = {k: v[0] if len(v) == 1 else v for k, v in parse_qs(url.query).items()}
        path = url.path[len(API):] if url.path.startswith(API) else url.path
        try:
            status, answer = self.server.route(method, path, query, body)
        except LookupError as error:
            status, answer = 404, {"code": 404, "message": str(error)}
        self.server.record({"method": method, "path": path, "query": query, "body": body, "status": status})
        payload = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class StandIn(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, record: Path, version: str, test_connections: Path | None, port: int = 0):
        super().__init__(("127.0.0.1", port), Handler)
        self.record_file = record
        self.version = version
        self.store = Store(test_connections)
        self.unknown: list[str] = []
        self._record_lock = threading.Lock()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/api"

    def record(self, entry: dict) -> None:
        with self._record_lock, self.record_file.open("a") as out:
            out.write(json.dumps(entry) + "\n")

    def route(self, method: str, path: str, query: dict, body):
        """(status, JSON answer) of one request; unknown routes answer 404 and are kept in `unknown`."""
        store = self.store
        if method == "GET" and path == "system/version":
            return 200, {"version": self.version, "revision": "omhost-standin", "timestamp": 0}
        if method == "GET" and path.startswith("services/testConnectionDefinitions/name/"):
            definition = store.test_connection_definition(unquote(path.rsplit("/", 1)[1]))
            return (200, definition) if definition else (404, {"code": 404, "message": "no such definition"})
        if method == "GET" and path == "search/fieldQuery":
            return 200, self._field_query(query)
        collection, rest = self._collection_of(path)
        if collection is not None:
            answer = self._entity_route(method, collection, rest, query, body)
            if answer is not None:
                return answer
        self.unknown.append(f"{method} {path}")
        return 404, {"code": 404, "message": f"the stand-in does not serve {method} {path}"}

    @staticmethod
    def _collection_of(path: str):
        for collection in sorted(ENTITY_KINDS, key=len, reverse=True):
            if path == collection or path.startswith(collection + "/"):
                return collection, path[len(collection):].lstrip("/")
        match = re.match(r"^(services/\w+Services)(/.*)?$", path)
        if match:
            return match.group(1), (match.group(2) or "").lstrip("/")
        return None, ""

    def _entity_route(self, method: str, collection: str, rest: str, query: dict, body):
        store = self.store
        if method == "PUT" and rest == "":
            return 200, store.put(collection, body)
        if method == "PUT" and rest == "bulk":
            processed, failed = [], []
            for request in body:
                try:
                    processed.append(store.put(collection, request)["fullyQualifiedName"])
                except LookupError as error:
                    failed.append((request, str(error)))
            return 200, bulk_result(processed, failed)
        if method == "GET" and rest.startswith("name/"):
            entity = store.find(collection, unquote(rest[len("name/"):]))
            return (200, entity) if entity else (404, {"code": 404, "message": "not found"})
        if method == "GET" and rest == "":
            return 200, page(self._listed(collection, query))
        if method == "DELETE" and rest == "deleteStale":
            deleted = store.stale_deleted(collection, body)
            return 200, {**bulk_result([], []), "numberOfRowsProcessed": deleted, "numberOfRowsPassed": deleted}
        if method == "DELETE" and re.fullmatch(r"[0-9a-f-]{36}", rest):
            # a soft delete, as the server's default (hardDelete=false)
            entity = store.find_by_id(collection, rest)
            if entity:
                entity["deleted"] = True
            return (200, entity) if entity else (404, {"code": 404, "message": "not found"})
        if method == "GET" and re.fullmatch(r"[0-9a-f-]{36}", rest):
            entity = store.find_by_id(collection, rest)
            return (200, entity) if entity else (404, {"code": 404, "message": "not found"})
        return None

    def _listed(self, collection: str, query: dict) -> list[dict]:
        """A list under a parent given by FQN (`?service=svc`, `?database=svc.db`, `?databaseSchema=...`): as the
        server's list filters do, every entity whose FQN starts with it (1.12 lists tables by `?database=<schema>`)."""
        items = [e for e in self.store.entities.get(collection, {}).values()
                 if query.get("include") == "all" or not e["deleted"]]
        for field in ("service", "database", "databaseSchema"):
            if field in query:
                items = [e for e in items if e["fullyQualifiedName"].startswith(f"{query[field]}.")]
        return items

    def _field_query(self, query: dict) -> dict:
        """search/fieldQuery: the stored entities whose field equals the value, as search hits."""
        field, value = query.get("fieldName"), query.get("fieldValue")
        hits = [
            {"_source": {"fullyQualifiedName": e["fullyQualifiedName"], "name": e["name"]}}
            for entities in self.store.entities.values()
            for e in entities.values()
            if field and str(e.get(field)) == value and not e["deleted"]
        ]
        return {"hits": {"total": {"value": len(hits)}, "hits": hits}}


def serve_in_thread(record: Path, version: str, test_connections: Path | None, timeout: float) -> StandIn:
    """Starts the stand-in on a free port of 127.0.0.1; it shuts itself down after `timeout` seconds."""
    server = StandIn(record, version, test_connections)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    timer = threading.Timer(timeout, server.shutdown)
    timer.daemon = True
    timer.start()
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", required=True, type=Path)
    parser.add_argument("--version", required=True)
    parser.add_argument("--test-connections", type=Path)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    server = StandIn(args.record, args.version, args.test_connections)
    print(f"listening on {server.api_url}", flush=True)
    threading.Timer(args.timeout, server.shutdown).start()
    server.serve_forever()
    if server.unknown:
        print("unknown routes: " + ", ".join(sorted(set(server.unknown))), flush=True)


if __name__ == "__main__":
    main()
