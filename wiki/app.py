"""The application factory."""

import datetime as dt
import logging
import os
import secrets
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from flask import Flask, appcontext_pushed, request, request_started, session
from flask_login import current_user

import config as default_config
from wiki.accounts.passwords import configure_hasher
from wiki.extensions import babel, create_limiter, csrf, db, login_manager, migrate
from wiki.http.converters import register_converters
from wiki.http.form_input import check_form_encoding
from wiki.http.limits import check_settings as check_rate_limits
from wiki.http.links import allowed_hosts, refuse_unknown_host
from wiki.http.security_headers import register_security_headers

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARE_ROOT = Path(sys.prefix) / "share" / "standards-wiki"


def _resource_dir(name: str) -> str:
    """Where ``templates/`` or ``migrations/`` is: the checkout, or share/ when installed."""
    for root in (PROJECT_ROOT, SHARE_ROOT):
        if (root / name).is_dir():
            return str(root / name)
    return str(PROJECT_ROOT / name)


def create_app(config: Mapping | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints, error handlers, CLI and search."""
    settings = {k: v for k, v in vars(default_config.Config).items() if k.isupper()}
    settings.update(config or {})
    instance_path = Path(settings["INSTANCE_PATH"] or PROJECT_ROOT / "instance").resolve()
    instance_path.mkdir(parents=True, exist_ok=True)

    app = Flask(
        __name__,
        instance_path=str(instance_path),
        template_folder=_resource_dir("templates"),
        static_folder="static",
    )
    app.config.update(settings)
    app.config["INSTANCE_PATH"] = str(instance_path)
    register_converters(app)  # before any route is added
    _configure_time_zone(app)
    _configure_database_url(app)
    _configure_secret_key(app)
    _configure_addresses(app)
    configure_hasher(app.config["PASSWORD_HASH_PROFILE"])
    # another app made in this process (tests, tools) may have set its own profile since
    for signal in (appcontext_pushed, request_started):
        signal.connect(_use_own_hasher, app)

    _connect_listeners()
    db.init_app(app)
    migrate.init_app(app, db, directory=_resource_dir("migrations"))
    app.before_request(refuse_unknown_host)  # before anything reads the request
    app.before_request(check_form_encoding)  # ahead of CSRF, which parses the form
    csrf.init_app(app)
    babel.init_app(app, locale_selector=_select_locale)
    _configure_login(app)
    check_rate_limits(app)
    create_limiter(app)

    from wiki import models  # noqa: F401  (every table registered before migrations run)
    from wiki.accounts.admin_views import bp as admin_bp
    from wiki.accounts.cli import users_cli
    from wiki.accounts.profile_views import bp as profiles_bp
    from wiki.accounts.registration import bp as registration_bp
    from wiki.accounts.reset_views import bp as password_reset_bp
    from wiki.accounts.two_factor_views import bp as two_factor_bp
    from wiki.accounts.views import bp as accounts_bp
    from wiki.audit.views import bp as audit_bp
    from wiki.backup.cli import backup_command, restore_command
    from wiki.ballots.cli import ballots_cli
    from wiki.ballots.views import bp as ballots_bp
    from wiki.comments.report_views import bp as dispositions_bp
    from wiki.comments.views import bp as comments_bp
    from wiki.committees.views import bp as committees_bp
    from wiki.consultations.views import bp as consultations_bp
    from wiki.demo.cli import seed_demo_command
    from wiki.http.errors import register_error_handlers
    from wiki.notifications.views import bp as notifications_bp
    from wiki.publication.activity import bp as activity_bp
    from wiki.publication.registry_views import bp as registry_bp
    from wiki.publication.views import bp as publication_bp
    from wiki.reviews.cli import reviews_cli
    from wiki.reviews.views import bp as reviews_bp
    from wiki.search import init_app as init_search
    from wiki.search.cli import search_cli
    from wiki.search.views import bp as search_bp
    from wiki.standards.cli import standards_cli
    from wiki.standards.views import bp as standards_bp
    from wiki.web.views import bp as web_bp

    app.register_blueprint(web_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(standards_bp)
    app.register_blueprint(registry_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(committees_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(profiles_bp)
    app.register_blueprint(registration_bp)
    app.register_blueprint(password_reset_bp)
    app.register_blueprint(two_factor_bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(ballots_bp)
    app.register_blueprint(publication_bp)
    app.register_blueprint(activity_bp)
    app.register_blueprint(reviews_bp)
    app.register_blueprint(comments_bp)
    app.register_blueprint(dispositions_bp)
    app.register_blueprint(consultations_bp)
    app.register_blueprint(notifications_bp)
    register_error_handlers(app)
    app.cli.add_command(users_cli)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(search_cli)
    init_search(app)
    app.cli.add_command(ballots_cli)
    app.cli.add_command(reviews_cli)
    app.cli.add_command(standards_cli)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)

    register_security_headers(app)
    _configure_templates(app)
    return app


def _connect_listeners() -> None:
    """Connect the engine hooks and the domain event listeners, in the order they must run.

    They are process-wide, and each ``register_listeners`` connects once however often it is
    called, so every app built in one process (the tests build several) reacts once per event.
    Search connects its own in ``init_search``, after these.
    """
    from wiki import db as database
    from wiki.ballots import operations as ballots
    from wiki.comments import listeners as comment_listeners
    from wiki.notifications import delivery, listeners

    database.register_listeners()
    ballots.register_listeners()  # a save marks the ballot stale before anyone is notified
    comment_listeners.register_listeners()
    listeners.register_listeners()
    delivery.register_listeners()


def _use_own_hasher(app: Flask, **_extra) -> None:
    configure_hasher(app.config["PASSWORD_HASH_PROFILE"])


def _configure_database_url(app: Flask) -> None:
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not url:
        url = f"sqlite:///{Path(app.instance_path) / 'wiki.db'}"
    elif url.startswith(("postgres://", "postgresql://")):
        # psycopg 3 is the driver we ship; Heroku-style URLs name no driver.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    if url.startswith("sqlite"):
        options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
        options["connect_args"] = {
            "timeout": app.config["SQLITE_BUSY_TIMEOUT_SECONDS"],
            "check_same_thread": False,
        }
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def _configure_secret_key(app: Flask) -> None:
    """Use SECRET_KEY if set, else a key generated at first run and kept in the instance folder."""
    if app.config["SECRET_KEY"]:
        return
    key_file = Path(app.instance_path) / "secret_key"
    try:
        # O_EXCL: when several workers start at once, exactly one writes the key.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        log.warning(
            "SECRET_KEY is not set: generated one and stored it in %s. "
            "Set SECRET_KEY to share one key between machines.",
            key_file,
        )
    for _ in range(50):
        key = key_file.read_text().strip()
        if key:
            break
        # another worker created the file and is still writing it
        time.sleep(0.02)
    app.config["SECRET_KEY"] = key


def _configure_addresses(app: Flask) -> None:
    """Check PUBLIC_BASE_URL, list the hosts the wiki answers to, trust configured proxies."""
    from urllib.parse import urlsplit

    base = urlsplit(app.config["PUBLIC_BASE_URL"])
    if base.scheme not in ("http", "https") or not base.hostname or base.query or base.fragment:
        raise RuntimeError(
            f"WIKI_PUBLIC_BASE_URL {app.config['PUBLIC_BASE_URL']!r} is not an address such as "
            "https://wiki.agencia.gob.mx"
        )
    app.config["WIKI_ALLOWED_HOST_NAMES"] = allowed_hosts(app.config)
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )


def _configure_time_zone(app: Flask) -> None:
    """One setting for the agency's time zone: dates format in it, windows close by it."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = app.config["TIME_ZONE"]
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise RuntimeError(f"WIKI_TIME_ZONE {name!r} is not a known time zone") from exc
    app.config["BABEL_DEFAULT_TIMEZONE"] = name


def _configure_login(app: Flask) -> None:
    from wiki.accounts.sessions import init_sessions

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.config["REMEMBER_COOKIE_DURATION"] = dt.timedelta(days=app.config["REMEMBER_DAYS"])
    init_sessions(app)

    from flask_babel import lazy_gettext

    login_manager.login_message = lazy_gettext("Please log in to see this page.")


def _select_locale() -> str:
    languages = current_app_languages()
    asked = request.args.get("lang")
    if asked in languages:
        session["lang"] = asked
        return asked
    if current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("lang") in languages:
        return session["lang"]
    return request.accept_languages.best_match(languages) or languages[0]


def current_app_languages() -> tuple[str, ...]:
    from flask import current_app

    return tuple(current_app.config["LANGUAGES"])


def _configure_templates(app: Flask) -> None:
    """Globals and filters, visible in imported macros too (unlike context processors)."""
    from flask_babel import format_date, format_datetime

    from wiki import permissions
    from wiki.http.dates import agency_zone_name, window_end, window_last_day
    from wiki.standards.labels import revision_summary
    from wiki.web.labels import label, missing_part, structure_warning

    app.jinja_env.globals.update(
        label=label,
        status_label=label,
        structure_warning=structure_warning,
        missing_part=missing_part,
        can=permissions,
        url_with=_url_with,
        agency_zone_name=agency_zone_name,
        revision_summary=revision_summary,
    )
    app.jinja_env.filters.update(
        format_date=format_date,
        format_datetime=format_datetime,
        window_last_day=window_last_day,
        window_end=window_end,
    )
    app.context_processor(_template_context)


def _template_context() -> dict:
    from flask_babel import get_locale

    from wiki.committees.actors import current_actor

    return {
        "actor": current_actor(),
        "languages": current_app_languages(),
        "current_locale": str(get_locale()),
    }


def _url_with(**changes) -> str:
    """This page's URL with some query arguments changed."""
    from flask import url_for

    arguments = {**(request.view_args or {}), **request.args.to_dict(), **changes}
    return url_for(request.endpoint, **arguments)
