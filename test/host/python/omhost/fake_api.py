"""A local fake of a source system's REST API, for generated REST connectors.

It answers like a small real API would: every request needs `Authorization: Bearer
<token>` (else 401), `/` says who the caller is, and each listed path returns its
items a page at a time, `{"items": [...], "next": "<path>?page=N"}` (`next` is null on
the last page). Every request is logged, so a check can say which calls a connector
made and with which credentials. It runs in a thread of the calling process.
"""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PAGE_SIZE = 2


class FakeSourceApi:
    """`routes` maps a path (e.g. /api/v1/dashboards) to the items it lists."""

    def __init__(self, token: str, routes: dict):
        self.token = token
        self.routes = routes
        self.log = []  # {"method", "path", "query", "authorized", "status"}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()
        return False

    def answer(self, method: str, target: str, authorization: str):
        """(status, JSON body) for one request."""
        parts = urlsplit(target)
        authorized = authorization == f"Bearer {self.token}"
        entry = {"method": method, "path": parts.path, "query": parts.query, "authorized": authorized}
        self.log.append(entry)
        if not authorized:
            status, body = 401, {"error": "a valid bearer token is required"}
        elif method != "GET":
            status, body = 405, {"error": f"{method} is not served"}
        elif parts.path in ("", "/"):
            status, body = 200, {"user": "omhost", "api": "fake source"}
        elif parts.path in self.routes:
            status, body = 200, self.page(parts.path, parse_qs(parts.query))
        else:
            status, body = 404, {"error": f"no route {parts.path}"}
        entry["status"] = status
        return status, body

    def page(self, path: str, query: dict) -> dict:
        items = self.routes[path]
        number = int(query.get("page", ["1"])[0])
        start = (number - 1) * PAGE_SIZE
        more = start + PAGE_SIZE < len(items)
        return {"items": items[start:start + PAGE_SIZE], "next": f"{path}?page={number + 1}" if more else None}

    def _handler(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self):
                status, body = api.answer(self.command, self.path, self.headers.get("Authorization", ""))
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

            def log_message(self, *args):  # the log above is the record; keep stderr quiet
                pass

        return Handler
