"""A local Prefect server for the life of one command, when no ``PREFECT_API_URL`` is set.

Schedules (``kavosh serve``) need a real server, and so do worker processes of a parallel run: without one, each
process would start a temporary server of its own. The server keeps its SQLite database under PREFECT_HOME.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def local_server(timeout: float = 120.0, log: Path | None = None):
    """Yield the API URL of a Prefect server: ``PREFECT_API_URL`` if the user set one, else one started here
    (and stopped on exit). While inside, ``PREFECT_API_URL`` is set in this process's environment."""
    existing = os.environ.get("PREFECT_API_URL")
    if existing:
        yield existing
        return
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    home = Path(os.environ.get("PREFECT_HOME", ".prefect"))
    home.mkdir(parents=True, exist_ok=True)
    log = log or home / "server.log"
    env = dict(os.environ, PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false")
    # schedule new runs within seconds of a deployment being served, not at the next minute
    env.setdefault("PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS", "5")
    with open(log, "ab") as logf:
        proc = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            stdout=logf, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(api_url):
            if proc.poll() is not None:
                raise RuntimeError(f"the Prefect server exited with status {proc.returncode}; see {log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the Prefect server did not become healthy in {timeout:.0f} s; see {log}")
            time.sleep(0.5)
        from prefect.settings import PREFECT_API_URL, temporary_settings

        os.environ["PREFECT_API_URL"] = api_url
        with temporary_settings(updates={PREFECT_API_URL: api_url}):
            yield api_url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
