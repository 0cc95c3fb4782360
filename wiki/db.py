"""Declarative base, constraint naming, SQLite connection settings, and shared column types."""

import datetime as dt
import enum
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import has_request_context, request
from sqlalchemy import DateTime, Enum, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: requests that only read; their SQLite transactions start deferred
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: execution option of an engine or connection that only reads: on SQLite its transactions
#: start deferred wherever it runs (``reading_engine``)
READS_ONLY = "wiki_reads_only"


#: set inside ``reading()``: SQLite transactions begun there start deferred
_reading: ContextVar[bool] = ContextVar("reading", default=False)


@contextmanager
def reading() -> Iterator[None]:
    """Within the block, SQLite transactions begin deferred, as a GET's do, even in a POST.

    A deferred transaction that only reads takes no write lock, so others may write meanwhile.
    """
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always returned timezone-aware.

    SQLite drops the offset; without this a value read back would compare unequal
    to the one written, and naive and aware datetimes cannot be compared at all.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetime given to a UTC column")
            value = value.astimezone(dt.UTC)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


def enum_column(enum_cls: type[enum.Enum], name: str) -> Enum:
    """A portable enum column: VARCHAR plus a named CHECK constraint, storing values."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def listen_once(target, identifier: str, fn) -> None:
    """``event.listen``, unless ``fn`` already listens there: SQLAlchemy would call it twice."""
    if not event.contains(target, identifier, fn):
        event.listen(target, identifier, fn)


def register_listeners() -> None:
    """Hook the SQLite settings to every engine (``create_app`` calls it; once is enough)."""
    listen_once(Engine, "connect", _configure_sqlite)
    listen_once(Engine, "begin", _begin_sqlite)


def _configure_sqlite(dbapi_connection, connection_record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # pysqlite's own transaction handling would BEGIN deferred behind our back.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _begin_sqlite(connection):
    """Start SQLite write transactions with BEGIN IMMEDIATE.

    A deferred transaction that has read and then tries to write fails at once
    with "database is locked" whatever the busy timeout; an immediate one waits
    for the lock up front. Requests that only read begin deferred, so readers
    never queue behind a writer (WAL lets them read alongside it); so do the read-only part
    of a write (``reading``, for the request's own session) and every connection of
    ``reading_engine`` (for work outside the request, such as the search drain).
    """
    if connection.dialect.name != "sqlite":
        return
    reads_only = _reading.get() or connection.get_execution_options().get(READS_ONLY, False)
    if reads_only or (has_request_context() and request.method in READ_ONLY_METHODS):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def reading_engine(engine: Engine) -> Engine:
    """``engine`` for sessions that only read: on SQLite they hold no write lock, even in a
    POST or a background thread (a write through it fails with "database is locked")."""
    return engine.execution_options(**{READS_ONLY: True})
