"""Settings: defaults first, then one visible line per environment variable.

``create_app(config)`` applies a mapping on top (tests use this). Paths that are
not given default to the instance folder, so a fresh clone needs no settings.
"""

import os


class Config:
    #: SQLAlchemy URL; empty means SQLite in the instance folder
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "")
    #: empty means generated at first run and kept in the instance folder
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    #: "whoosh" (embedded default) or "postgresql"
    SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "whoosh")
    #: folder of the Whoosh index; empty means "search-index" in the instance folder
    SEARCH_INDEX_DIR = os.environ.get("WIKI_SEARCH_INDEX_DIR", "")
    #: instance folder (database, search index, generated secret key)
    INSTANCE_PATH = os.environ.get("WIKI_INSTANCE_PATH", "")
    #: largest Markdown body of a standard, in bytes (a real standard is far smaller)
    MAX_BODY_BYTES = int(os.environ.get("WIKI_MAX_BODY_BYTES", 1024 * 1024))
    #: largest request; above MAX_BODY_BYTES so an oversized text comes back in the form
    MAX_CONTENT_LENGTH = 4 * MAX_BODY_BYTES + 64 * 1024
    #: anyone may register a public account (confirmed by email) when true
    PUBLIC_REGISTRATION = os.environ.get("WIKI_PUBLIC_REGISTRATION", "") == "1"
    #: invite and confirmation links expire after this many hours
    INVITE_MAX_AGE_HOURS = int(os.environ.get("WIKI_INVITE_MAX_AGE_HOURS", 72))
    #: SMTP host for notification mail; empty means mail is off
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 25))
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "wiki@localhost")
    #: committee chairs may publish their approved standards themselves (1); by default only
    #: the agency's administrators publish, on the chair's request
    CHAIRS_MAY_PUBLISH = os.environ.get("WIKI_CHAIRS_MAY_PUBLISH", "") == "1"
    #: cookies only over HTTPS; set to 1 behind TLS in production
    SESSION_COOKIE_SECURE = os.environ.get("WIKI_SECURE_COOKIES", "") == "1"

    #: argon2-cffi parameter profile for password hashes; a log-in rehashes a password whose
    #: hash was made with other parameters
    PASSWORD_HASH_PROFILE = os.environ.get("WIKI_PASSWORD_HASH_PROFILE", "RFC_9106_LOW_MEMORY")
    #: agency administrators must sign in with a second step (an authenticator app's code); one
    #: who has not set it up is sent to do so before any other page. Off: only who chooses to
    REQUIRE_TWO_FACTOR_FOR_ADMINS = os.environ.get("WIKI_REQUIRE_TWO_FACTOR_FOR_ADMINS", "1") == "1"
    #: least zxcvbn score (0 to 4) a new password needs; 3 means about 10^8 guesses or more
    PASSWORD_MIN_SCORE = int(os.environ.get("WIKI_PASSWORD_MIN_SCORE", 3))

    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 14 * 24 * 3600
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    #: the agency's time zone: dates show in it, and a window chosen by its last day closes at
    #: the end of that day there; Flask-Babel's BABEL_DEFAULT_TIMEZONE is set from it
    TIME_ZONE = os.environ.get("WIKI_TIME_ZONE", "America/Mexico_City")
    BABEL_DEFAULT_LOCALE = "es"
    LANGUAGES = ("es", "en")
    #: the catalogs: wiki/translations/<locale>/LC_MESSAGES/messages.mo (`make translations`)
    BABEL_TRANSLATION_DIRECTORIES = os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "wiki", "translations"
    )
    #: seconds SQLite waits for a lock before giving up
    SQLITE_BUSY_TIMEOUT_SECONDS = 30
    #: revisions per history page
    HISTORY_PAGE_SIZE = 50
