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
    #: the address people reach the wiki at: every link in an email or built by a command
    #: starts with it, and its host name is one the wiki answers to
    PUBLIC_BASE_URL = os.environ.get("WIKI_PUBLIC_BASE_URL", "http://127.0.0.1:5000")
    #: more host names the wiki answers to (comma-separated); a request naming any other
    #: host in its Host header gets a 400
    ALLOWED_HOSTS = os.environ.get("WIKI_ALLOWED_HOSTS", "")
    #: how many reverse proxies in front of the wiki set X-Forwarded-For/-Proto/-Host/-Port;
    #: 0 (default) trusts none of those headers. Behind one TLS-terminating proxy, 1
    TRUSTED_PROXIES = int(os.environ.get("WIKI_TRUSTED_PROXIES", 0))
    #: a session ends after this many minutes without a request (not with "remember me")
    SESSION_IDLE_MINUTES = int(os.environ.get("WIKI_SESSION_IDLE_MINUTES", 30))
    #: a session ends this many hours after logging in, however busy
    SESSION_MAX_HOURS = int(os.environ.get("WIKI_SESSION_MAX_HOURS", 12))
    #: with "remember me", the session lasts this many days from logging in
    REMEMBER_DAYS = int(os.environ.get("WIKI_REMEMBER_DAYS", 14))
    #: seconds a browser or shared cache may keep a public page (an edition, its export) for a
    #: reader who is not signed in, before asking again with its ETag
    PUBLIC_MAX_AGE = int(os.environ.get("WIKI_PUBLIC_MAX_AGE", 300))
    #: origins user content may show images from, besides the wiki itself (space- or
    #: comma-separated, e.g. "https://img.agencia.gob.mx"); empty: none, so a text cannot make
    #: its readers' browsers call another site
    IMAGE_SOURCES = os.environ.get("WIKI_IMAGE_SOURCES", "")

    #: links to choose a new password ("Forgot your password?") expire after this many minutes
    PASSWORD_RESET_MAX_AGE_MINUTES = int(os.environ.get("WIKI_PASSWORD_RESET_MAX_AGE_MINUTES", 60))
    #: Redis holding the rate-limit counts, shared by every worker and machine
    #: (``redis://host:6379/0``); empty means each process counts in its own memory
    REDIS_URL = os.environ.get("REDIS_URL", "")
    #: prefix of the rate-limit keys, so several wikis (or test runs) can share one Redis
    RATE_LIMIT_KEY_PREFIX = os.environ.get("WIKI_RATE_LIMIT_KEY_PREFIX", "wiki")
    #: the named rate limits (``wiki.http.limits``), in the notation of the ``limits`` library;
    #: ``wiki/accounts/throttling.py`` explains the log-in pair
    RATE_LIMITS = {
        # failed log-ins for one email from one address: stops guessing a password
        "login_failures_per_account_address": "10 per 5 minutes",
        # failed log-ins from one address whatever the email: stops trying many accounts;
        # higher, since an office or a campus may share one address
        "login_failures_per_address": "30 per 5 minutes",
        # failed second-factor codes for one account from one address
        "second_factor": "5 per 5 minutes",
        # registrations sent from one address
        "registration": "5 per hour",
        # password-reset requests sent from one address (a limit, not a password)
        "password_reset": "5 per 15 minutes",  # nosec B105
        # messages an anonymous request may have sent to one address (registration, reset)
        "mail": "3 per hour",
    }

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
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
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
