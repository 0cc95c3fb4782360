"""Alembic environment: the app's engine and metadata, with SQLite-friendly batch mode."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
if config.config_file_name and not logging.getLogger().handlers:
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")


def get_engine():
    return current_app.extensions["migrate"].db.engine


def get_metadata():
    return current_app.extensions["migrate"].db.metadata


config.set_main_option(
    "sqlalchemy.url", get_engine().url.render_as_string(hide_password=False).replace("%", "%%")
)


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=get_metadata(),
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def _sqlite_pragma(connection, setting: str) -> None:
    """Run a pragma on the driver's connection, outside any transaction SQLAlchemy would begin."""
    connection.connection.driver_connection.execute(f"PRAGMA {setting}")


def _check_foreign_keys(ctx, step, **_) -> None:
    """Refuse (before its commit) a migration that left rows naming rows that do not exist."""
    broken = ctx.connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration {step.up_revision_id} broke foreign keys: {broken[:5]}")


def run_migrations_online():
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)

    with get_engine().connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite rebuilds a table to change it (batch mode): dropping the old copy of a
            # table others refer to fails while foreign keys are enforced, and the pragma only
            # changes outside a transaction. Each migration's keys are checked before it commits.
            _sqlite_pragma(connection, "foreign_keys = OFF")
            conf_args["on_version_apply"] = _check_foreign_keys
        context.configure(connection=connection, target_metadata=get_metadata(), **conf_args)
        try:
            with context.begin_transaction():
                context.run_migrations()
        finally:
            if sqlite:
                if connection.in_transaction():
                    connection.rollback()
                _sqlite_pragma(connection, "foreign_keys = ON")

if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
