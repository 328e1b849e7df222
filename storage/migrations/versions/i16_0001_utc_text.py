"""utc text: datetimes an SQLite batch wrote as aware text are rewritten as naive UTC

Revision ID: i16_0001_utc_text
Revises: 0013_inbox_chat

From 2026-12-08 until its fix, statements on the SQLite hot path (storage/sqlite_batch.py)
handed aware datetimes to sqlite3 without SQLAlchemy's bind processor, so they were stored as
"2026-12-08 06:00:00.123456+00:00" where SQLAlchemy stores "2026-12-08 06:00:00.123456".
SQLite compares datetimes as text, so such rows sort wrongly against the others within a
second (and one with another offset would be read as if it were UTC). Every DATETIME column
is checked; PostgreSQL never took that path.
"""

from datetime import UTC, datetime

from alembic import op

revision = "i16_0001_utc_text"
# On the inbox's branch; it scans every table, and a database that holds such rows was at
# every head already, so every table exists when it runs.
down_revision = "0013_inbox_chat"
branch_labels = None
depends_on = None


def naive_utc(text: str) -> str:
    """SQLAlchemy's SQLite text of the instant an aware ISO text names."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("a naive datetime is already as SQLAlchemy writes it")
    return moment.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    tables = [r[0] for r in bind.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        columns = [r[1] for r in bind.exec_driver_sql(f'PRAGMA table_info("{table}")')
                   if str(r[2]).upper() == "DATETIME"]
        for column in columns:
            # An offset is the only thing that makes such a text longer than 26 characters.
            rows = bind.exec_driver_sql(
                f'SELECT rowid, "{column}" FROM "{table}" WHERE length("{column}") > 26 '
                f'OR "{column}" LIKE \'%+__:__\' OR "{column}" LIKE \'%-__:__\'').all()
            for rowid, value in rows:
                try:
                    fixed = naive_utc(value)
                except (TypeError, ValueError):
                    continue  # not a datetime we wrote: leave it as it is
                bind.exec_driver_sql(
                    f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', (fixed, rowid))


def downgrade() -> None:
    """Nothing to undo: the rewritten texts are what SQLAlchemy itself writes."""
