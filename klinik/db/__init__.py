"""The local store: SQLModel tables, the engine with its connection settings, migrations."""
