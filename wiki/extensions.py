"""Flask extensions, created unbound and bound to an app in ``wiki.app.create_app``."""

from flask import Flask
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from wiki.db import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate(compare_type=True, render_as_batch=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()

#: key of the app's limiter in ``app.extensions``
LIMITER = "wiki.limiter"
#: seconds to wait for Redis before the request goes on without its rate limits
REDIS_TIMEOUT_SECONDS = 2


def create_limiter(app: Flask) -> Limiter:
    """Flask-Limiter for one app: counts in Redis when ``REDIS_URL`` is set, else in memory.

    Unlike the extensions above it is made per app, because Flask-Limiter keeps one storage
    per instance and each app (each worker, each test app) chooses its own. Redis is shared by
    every worker and machine; memory counts in one process only. ``wiki.http.limits`` applies
    the named limits of ``RATE_LIMITS`` with it.
    """
    redis_url = app.config["REDIS_URL"]
    redis_options = {
        # every key starts with it, and a reset deletes only keys that do
        "key_prefix": app.config["RATE_LIMIT_KEY_PREFIX"],
        "socket_timeout": REDIS_TIMEOUT_SECONDS,
        "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    }
    limiter = Limiter(
        get_remote_address,
        storage_uri=redis_url or "memory://",
        storage_options=redis_options if redis_url else {},
        # "10 per 5 minutes" means any 5 minutes, not the clock's 5-minute slots
        strategy="moving-window",
    )
    limiter.init_app(app)
    app.extensions[LIMITER] = limiter
    return limiter
