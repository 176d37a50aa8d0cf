"""Alembic environment: runs with the connection Klinik hands over (or a URL for dev use).

All pending migrations run in the ONE transaction of the connection handed over
(``klinik.db.engine._upgrade_sqlite`` begins it with BEGIN IMMEDIATE): Alembic sees that
the connection is already in a transaction and neither begins nor commits one per migration
(``transaction_per_migration=False``). A failure rolls back every step and the version stamp.
"""

from alembic import context
from sqlalchemy import engine_from_config, event, pool

import klinik.db.models  # noqa: F401  (registers the tables)
from klinik.db.models import metadata

config = context.config

# The FTS5 indexes of migration 0008 and their shadow tables are not models: autogenerate
# leaves them alone.
FTS_TABLES = ("mentoring_session_fts", "client_case_fts", "client_fts")


def include_name(name, type_, parent_names) -> bool:
    if type_ != "table" or not name:
        return True
    return not any(name == t or name.startswith(t + "_") for t in FTS_TABLES)


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=True,
            compare_type=True,
            include_name=include_name,
            transaction_per_migration=False,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    if engine.dialect.name == "sqlite":  # same one-transaction set-up as Klinik's own upgrade
        from klinik.db.engine import _begin_immediate, _migration_pragmas

        event.listen(engine, "connect", _migration_pragmas)
        event.listen(engine, "begin", _begin_immediate)
    with engine.connect() as conn:
        context.configure(
            connection=conn,
            target_metadata=metadata,
            render_as_batch=True,
            compare_type=True,
            include_name=include_name,
            transaction_per_migration=False,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        render_as_batch=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
