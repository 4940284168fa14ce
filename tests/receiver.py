"""A webhook receiver: a real HTTP server on loopback that records what it is posted."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver(ThreadingHTTPServer):
    """A real HTTP server that records webhook deliveries; ``failing`` makes it answer 503."""

    def __init__(self, port: int = 0):
        super().__init__(("127.0.0.1", port), _Handler)
        self.received: list[tuple[bytes, dict[str, str]]] = []
        self.failing = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/hooks/content"

    def start(self) -> Receiver:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802  (the HTTP method's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.server.failing:
            self.send_response(503)
        else:
            self.server.received.append((body, {k.lower(): v for k, v in self.headers.items()}))
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass
