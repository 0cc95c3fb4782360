"""Where rate limits are counted: Redis shared by workers, memory per process; what happens
when Redis is away; which address is counted behind a proxy."""

import logging
import os
import uuid

import pytest
import redis

from wiki import create_app
from wiki.accounts import throttling
from wiki.errors import RateLimited
from wiki.extensions import db
from wiki.http.limits import client_address, reset_all, take

REDIS_URL = os.environ.get("WIKI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
ATTACKER = "203.0.113.7"
CHAIR_AT_HOME = "198.51.100.20"
CHAIR = "presidenta@turismo.mx"


@pytest.fixture
def new_app(tmp_path):
    """``new_app(**settings)``: an app of its own (a worker), on an unused SQLite file."""
    made = []

    def make(**settings):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test-secret-key",
                "INSTANCE_PATH": str(tmp_path / f"instance-{len(made)}"),
                "SQLALCHEMY_DATABASE_URI": "",
                "PASSWORD_HASH_PROFILE": "CHEAPEST",
                "REDIS_URL": "",
                "PUBLIC_BASE_URL": "http://localhost",
                **settings,
            }
        )
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["search"].close()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def redis_url():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis at {REDIS_URL} is unreachable ({exc}); set WIKI_TEST_REDIS_URL")
    return REDIS_URL


def fail_logins(app, times, address=ATTACKER):
    with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
        for _ in range(times):
            throttling.login_failed(CHAIR)


def login_refusal(app, address=ATTACKER) -> RateLimited | None:
    with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
        try:
            throttling.check_login(CHAIR)
        except RateLimited as refusal:
            return refusal
    return None


def test_two_workers_on_redis_share_one_count(new_app, redis_url):
    prefix = f"wiki-test-{uuid.uuid4().hex[:12]}"
    first = new_app(REDIS_URL=redis_url, RATE_LIMIT_KEY_PREFIX=prefix)
    second = new_app(REDIS_URL=redis_url, RATE_LIMIT_KEY_PREFIX=prefix)
    try:
        fail_logins(first, 9)
        assert login_refusal(second) is None
        fail_logins(second, 1)

        refusal = login_refusal(first)
        assert refusal is not None and 0 < refusal.retry_after_seconds <= 300
        assert login_refusal(second) is not None
        assert login_refusal(second, address=CHAIR_AT_HOME) is None
    finally:
        reset_all(first)
    assert login_refusal(second) is None


def test_workers_counting_in_memory_count_apart(new_app):
    first, second = new_app(), new_app()
    fail_logins(first, 10)
    assert login_refusal(first) is not None
    assert login_refusal(second) is None


def test_unreachable_redis_lets_log_ins_through_and_says_so(new_app, refused_port, caplog):
    app = new_app(REDIS_URL=f"redis://127.0.0.1:{refused_port}/0")
    with caplog.at_level(logging.ERROR, logger="wiki.http.limits"):
        fail_logins(app, 20)
        assert login_refusal(app) is None
    assert "rate-limit storage failed" in caplog.text


@pytest.mark.parametrize(
    ("proxies", "counted"), [(0, "10.0.0.1"), (1, CHAIR_AT_HOME)], ids=["direct", "behind-proxy"]
)
def test_the_address_counted_is_the_clients(new_app, proxies, counted):
    app = new_app(TRUSTED_PROXIES=proxies)
    app.add_url_rule("/address-seen", "address_seen", client_address)

    response = app.test_client().get(
        "/address-seen",
        headers={"X-Forwarded-For": CHAIR_AT_HOME},
        environ_base={"REMOTE_ADDR": "10.0.0.1"},
    )

    assert response.text == counted


def test_a_limit_the_notation_cannot_read_stops_the_start(new_app):
    with pytest.raises(RuntimeError, match="registration"):
        new_app(RATE_LIMITS={"registration": "five a day"})


def second_factor_refused(app, address=ATTACKER) -> bool:
    with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
        try:
            throttling.check_second_factor(7)
        except RateLimited:
            return True
    return False


def test_wrong_second_factor_codes_are_limited_per_account_and_address(new_app):
    app = new_app()
    with app.test_request_context(environ_base={"REMOTE_ADDR": ATTACKER}):
        for _ in range(4):
            throttling.second_factor_failed(7)
        throttling.second_factor_passed(7)
        for _ in range(5):
            throttling.second_factor_failed(7)

    assert second_factor_refused(app)
    assert not second_factor_refused(app, address=CHAIR_AT_HOME)


def test_a_refusal_the_view_lets_through_is_a_429_with_retry_after(new_app):
    app = new_app(RATE_LIMITS={"registration": "1 per hour"})

    def probe():
        take("registration", client_address())
        return {"ok": True}

    app.add_url_rule("/api/probe", "probe", probe)
    client = app.test_client()
    assert client.get("/api/probe").status_code == 200

    refused = client.get("/api/probe")

    assert refused.status_code == 429
    assert 3500 < int(refused.headers["Retry-After"]) <= 3600
    assert refused.json["error"]["status"] == 429
