"""Progress of a running job, visible to other sessions while its transaction is still open.

The handler's writes stay in one transaction until the job ends (all or nothing), so
progress cannot travel in that transaction. On PostgreSQL it is written to the job row over
a separate connection. SQLite allows one writer at a time and the job holds the write lock,
so there it goes to a small file beside the database file (SQLite is single-host anyway).
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError

from crm.extensions import db
from crm.jobs.models import RUNNING, Job

log = logging.getLogger(__name__)
WRITE_INTERVAL_SECONDS = 0.5


def _sidecar_dir() -> Path | None:
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database + ".job-progress")


def _sidecar(job_id: int) -> Path | None:
    folder = _sidecar_dir()
    return None if folder is None else folder / f"{job_id}.json"


def _uses_database() -> bool:
    return db.engine.url.get_backend_name() != "sqlite"


class ProgressReporter:
    """The `progress(done, total)` callable handed to a job handler."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.done = 0
        self.total = 0
        self._last_write = 0.0

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = max(0, int(done)), max(0, int(total))
        now = time.monotonic()
        if now - self._last_write < WRITE_INTERVAL_SECONDS and self.done < self.total:
            return
        self._last_write = now
        try:
            self._write()
        except (OSError, ValueError, SQLAlchemyError):  # progress is best effort
            log.warning("Could not record the progress of job %s", self.job_id, exc_info=True)

    def _write(self) -> None:
        if _uses_database():
            with db.engine.connect() as conn:
                conn.execute(
                    update(Job)
                    .where(Job.id == self.job_id)
                    .values(progress_done=self.done, progress_total=self.total)
                )
                conn.commit()
            return
        path = _sidecar(self.job_id)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps([self.done, self.total]))
        os.replace(tmp, path)

    def cleanup(self) -> None:
        path = _sidecar(self.job_id)
        if path is not None:
            path.unlink(missing_ok=True)


def current_progress(job: Job) -> tuple[int, int]:
    """(done, total) for the page: the live figures while the job runs."""
    if job.status == RUNNING and not _uses_database():
        path = _sidecar(job.id)
        try:
            done, total = json.loads(path.read_text()) if path else (None, None)
        except (OSError, ValueError, TypeError):
            done = total = None
        if isinstance(done, int) and isinstance(total, int):
            return done, total
    return job.progress_done, job.progress_total
