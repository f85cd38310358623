"""Configuration read from the environment.

`CRM_ENV` picks the class: `development` (the default, used by `make run`), `test` or
`production`. Production refuses to start without `SECRET_KEY`.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "on", "true", "yes"}


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "production"
    SECRET_KEY: str | None = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'crm.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
    UPLOAD_MAX_PIXELS = int(os.environ.get("UPLOAD_MAX_PIXELS", str(40_000_000)))
    FIRM_QUOTA_BYTES = int(os.environ.get("FIRM_QUOTA_BYTES", str(200 * 1024 * 1024)))
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", str(25 * 1024 * 1024)))
    REDIS_URL = os.environ.get("REDIS_URL")
    RATE_LIMITS = _flag("RATE_LIMITS", "on")
    SMTP_URL = os.environ.get("SMTP_URL")
    MAIL_FROM = os.environ.get("MAIL_FROM", "crm@creativelab.example")
    # The worker thread started inside the web process; production runs `crm worker`.
    START_WORKER_THREAD = _flag("START_WORKER_THREAD", "off")
    # A job still "running" after this long was left by a worker that stopped: it is failed.
    JOB_STALE_AFTER_MINUTES = int(os.environ.get("JOB_STALE_AFTER_MINUTES", "60"))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", "on")
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = ("en", "nl")
    PASSWORD_MIN_LENGTH = 12
    INVITE_VALID_HOURS = int(os.environ.get("INVITE_VALID_HOURS", "72"))
    RESET_VALID_HOURS = int(os.environ.get("RESET_VALID_HOURS", "24"))
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600 per minute")
    # Where people reach the app: used for links in mail sent outside a request (the worker).
    BASE_URL = os.environ.get("BASE_URL")
    PAGE_SIZE = 25


class DevelopmentConfig(Config):
    """`make run`: SQLite in instance/, a generated secret kept in instance/."""

    ENV_NAME = "development"
    SESSION_COOKIE_SECURE = False
    START_WORKER_THREAD = _flag("START_WORKER_THREAD", "on")


class TestConfig(Config):
    """The test suite: `TEST_DATABASE_URL` selects PostgreSQL, else a SQLite file."""

    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "TEST_DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'test.sqlite3'}"
    )
    UPLOAD_DIR = str(INSTANCE_DIR / "test-uploads")
    SESSION_COOKIE_SECURE = False
    RATE_LIMITS = False
    START_WORKER_THREAD = False
    SMTP_URL = None
    # Form tests post without tokens; tests/core/test_csrf.py switches it on.
    WTF_CSRF_ENABLED = False


class ProductionConfig(Config):
    ENV_NAME = "production"


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def select_config(name: str | None = None) -> type[Config]:
    """The config class named by `name` or `CRM_ENV`."""
    name = name or os.environ.get("CRM_ENV", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"CRM_ENV must be one of {sorted(CONFIGS)}, not {name!r}")
    return CONFIGS[name]


def development_secret_key() -> str:
    """A random key kept in instance/ so sessions survive restarts of `make run`."""
    INSTANCE_DIR.mkdir(exist_ok=True)
    path = INSTANCE_DIR / "dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()
