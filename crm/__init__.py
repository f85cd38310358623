"""The Creative Lab deal-flow CRM: `create_app` builds the Flask application."""

from __future__ import annotations

import importlib
import logging

from flask import Flask, current_app, g, request

from config import Config, development_secret_key, select_config
from crm.extensions import babel, csrf, db, limiter, login_manager, migrate

# Each feature package has views.py with `bp`; api.py (if any) adds routes to the API blueprint.
FEATURES = (
    "auth",
    "home",
    "reference",
    "accounts",
    "notifications",
    "jobs",
    "questions",
    "organisations",
    "firms",
    "fees",
)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def create_app(config: type[Config] | str | None = None) -> Flask:
    """Build the app for a config class, a config name, or `CRM_ENV`."""
    config_class = config if isinstance(config, type) else select_config(config)
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_relative_config=True,
    )
    app.config.from_object(config_class)
    _check_secret_key(app, config_class)
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked in _before_request, see there
    app.config["RATELIMIT_ENABLED"] = bool(app.config["RATE_LIMITS"])
    app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"] or "memory://"
    logging.basicConfig(level=logging.INFO)

    _init_extensions(app)
    _register_blueprints(app)
    from crm.core.errors import register_error_handlers
    from crm.core.templating import register_template_helpers

    register_error_handlers(app)
    register_template_helpers(app)
    app.before_request(_before_request)
    app.after_request(_security_headers)
    app.teardown_request(_reset_write_intent)

    from crm.cli import crm_cli
    from crm.jobs.worker import start_worker_thread

    app.cli.add_command(crm_cli)
    start_worker_thread(app)  # development only (START_WORKER_THREAD)
    return app


def _check_secret_key(app: Flask, config_class: type[Config]) -> None:
    if app.config.get("SECRET_KEY"):
        return
    if config_class.ENV_NAME == "development":
        app.config["SECRET_KEY"] = development_secret_key()
        return
    raise RuntimeError("SECRET_KEY must be set in the environment outside development")


def _init_extensions(app: Flask) -> None:
    from crm.core.database import configure_sqlite
    from crm.core.i18n import select_locale

    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    csrf.init_app(app)
    babel.init_app(
        app, locale_selector=select_locale, default_translation_directories="translations"
    )
    limiter.init_app(app)
    importlib.import_module("crm.auth.loading")
    importlib.import_module("crm.models")


def _register_blueprints(app: Flask) -> None:
    from crm.api import bp as api_bp

    for feature in FEATURES:
        views = importlib.import_module(f"crm.{feature}.views")
        app.register_blueprint(views.bp)
        try:
            importlib.import_module(f"crm.{feature}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"crm.{feature}.api":
                raise
    importlib.import_module("crm.api.views")
    app.register_blueprint(api_bp)
    csrf.exempt(api_bp)  # API CSRF is checked in _before_request (cookie requests only)


def _before_request():
    from crm.auth.loading import authenticate_bearer
    from crm.core.database import set_write_intent
    from crm.core.input import refuse_nul_characters

    set_write_intent(request.method not in SAFE_METHODS)
    # Start from a clean identity even when an app context outlives one request (tests).
    g.pop("_login_user", None)
    g.pop("bearer_authenticated", None)
    authenticate_bearer()
    refuse_nul_characters()
    csrf_on = current_app.config.get("WTF_CSRF_ENABLED", True)
    if csrf_on and request.method not in SAFE_METHODS and not g.get("bearer_authenticated"):
        csrf.protect()


def _reset_write_intent(_exc=None):
    from crm.core.database import set_write_intent

    set_write_intent(False)


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if "HX-Request" in request.headers or response.mimetype == "text/html":
        response.vary.add("HX-Request")
    return response
