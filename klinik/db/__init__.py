"""The local store: SQLModel tables, the engine with its connection settings, migrations."""

# The audit trail listens on every ORM session from the moment anything of the store is
# imported (the tables, the engine): the package installs it, so the tables need not import
# the audit module that imports them.
from klinik.db import audit as _audit  # noqa: F401
