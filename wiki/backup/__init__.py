"""Backups that restore: ``flask backup`` and ``flask restore``.

A backup is one ``.tar.gz`` file holding ``manifest.json`` (``archive.Manifest``), a consistent
snapshot of the database (``sqlite.py``: SQLite's online backup API; ``postgresql.py``:
``pg_dump``, custom format) and the instance files that cannot be rebuilt (the generated
secret key). The search index is not in it: ``restore_backup`` rebuilds it from the database.
"""
