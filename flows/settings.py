"""Prefect settings kavosh needs, applied before Prefect is imported.

Without an API URL, Prefect starts a temporary local server per process (~13 s, and it times out under load at
its default 20 s), so the start-up timeout is raised; telemetry is off; Prefect's home lives inside the project
(git-ignored) unless the user set one.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def configure_prefect_env(quiet: bool = False) -> None:
    home = PROJECT_ROOT / ".prefect" if (PROJECT_ROOT / "pyproject.toml").exists() else Path.home() / ".kavosh" / "prefect"
    os.environ.setdefault("PREFECT_HOME", str(home))
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR" if quiet else "WARNING")
    os.environ.setdefault("PREFECT_RESULTS_PERSIST_BY_DEFAULT", "false")


def quiet_prefect_loggers() -> None:
    """Prefect logs a traceback when a task raises; kavosh reports bad sources itself, in one line."""
    import logging

    for name in ("prefect.task_runs", "prefect.flow_runs"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    for name in ("distributed", "distributed.nanny", "distributed.scheduler", "distributed.worker",
                 "distributed.core", "distributed.http.proxy"):
        logging.getLogger(name).setLevel(logging.WARNING)
