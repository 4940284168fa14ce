"""The processes the benchmark starts and stops: a private Redis and the app under gunicorn,
each on a free port of 127.0.0.1 only."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
BASE_DIR = Path(__file__).resolve().parent.parent
REDIS_HINT = "redis-server is not installed: apt-get install redis-server (Debian/Ubuntu)."
# Production redirects plain HTTP to HTTPS; behind the load balancer that terminates TLS the
# app sees this header (``SECURE_PROXY_SSL_HEADER``), so the benchmark client sends it too.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Process:
    """A child process in its own process group, stopped (only it) when done."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    cwd: Path = BASE_DIR
    popen: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.popen = subprocess.Popen(  # noqa: S603
                self.command,
                env=self.env,
                cwd=self.cwd,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def check_running(self) -> None:
        if self.popen is None or self.popen.poll() is not None:
            tail = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(f"{self.name} is not running. Its log ends:\n{tail}")

    def stop(self) -> None:
        if self.popen is None or self.popen.poll() is not None:
            return
        # gunicorn's master stops its workers on SIGTERM; redis-server exits.
        self.popen.send_signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=10)


def redis_available() -> bool:
    return shutil.which("redis-server") is not None


def start_redis(directory: Path) -> tuple[Process, str]:
    """A private, memory-only Redis; returns the process and its URL."""
    port = free_port()
    process = Process(
        "redis-server",
        [
            "redis-server",
            "--bind",
            HOST,
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
        ],
        dict(os.environ),
        directory / "redis.log",
    )
    process.start()
    deadline = time.monotonic() + 20
    while True:
        process.check_running()
        try:
            with socket.create_connection((HOST, port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return process, f"redis://{HOST}:{port}/0"
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("redis-server did not answer PING within 20 s.")
        time.sleep(0.1)


@dataclass
class AppServer:
    """The app under gunicorn (``cms.wsgi``) with the given environment."""

    name: str
    process: Process
    port: int

    @classmethod
    def start(cls, name: str, env: dict[str, str], workers: int, directory: Path) -> AppServer:
        port = free_port()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi:application",
            f"--workers={workers}",
            f"--bind={HOST}:{port}",
            "--timeout=120",
            "--log-level=warning",
        ]
        process = Process(f"gunicorn ({name})", command, env, directory / f"gunicorn-{name}.log")
        process.start()
        server = cls(name, process, port)
        server.wait_ready()
        return server

    @property
    def authority(self) -> str:
        return f"{HOST}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"http://{self.authority}"

    def wait_ready(self, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while True:
            self.process.check_running()
            try:
                status, _, _ = self.get("/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.process.name} did not answer /healthz in {seconds} s.")
            time.sleep(0.2)

    def wait_idle(self, seconds: float = 600) -> None:
        """Until the server answers /healthz promptly: nothing left queued from a load."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            started = time.monotonic()
            self.get("/healthz")
            if time.monotonic() - started < 0.25:
                return
        raise RuntimeError(f"{self.process.name} stayed busy for {seconds} s after a load.")

    def get(self, path: str, headers: dict[str, str] | None = None):
        """One request: (status, headers by lower-case name, body)."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
        try:
            connection.request("GET", path, headers={**PROXY_HEADERS, **(headers or {})})
            response = connection.getresponse()
            headers_read = {name.lower(): value for name, value in response.getheaders()}
            return response.status, headers_read, response.read()
        finally:
            connection.close()

    def stop(self) -> None:
        self.process.stop()
