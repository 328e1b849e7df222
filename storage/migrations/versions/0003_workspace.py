"""staff workspace: assignees, notes, time entries, estimates, knowledge base

Revision ID: 0003_workspace
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_workspace"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for column in ("assignee_id", "tester_id"):
        fk = f"fk_tickets_{column}_staff"
        if sqlite:
            # SQLite adds a column with a foreign key in place; batch mode would copy the whole
            # tickets table (and trip over the messages that reference it).
            op.execute(f"ALTER TABLE tickets ADD COLUMN {column} INTEGER "
                       f"CONSTRAINT {fk} REFERENCES staff (id)")
        else:
            op.add_column("tickets", sa.Column(column, ID, sa.ForeignKey("staff.id", name=fk)))

    op.create_table(
        "staff_clients",
        sa.Column("staff_id", ID, nullable=False),
        sa.Column("client_id", ID, nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name="fk_staff_clients_staff_id_staff",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name="fk_staff_clients_client_id_clients", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("staff_id", "client_id", name="pk_staff_clients"),
    )
    op.create_index("ix_staff_clients_client_id", "staff_clients", ["client_id"])

    op.create_table(
        "ticket_notes",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("ticket_id", ID, nullable=False),
        sa.Column("staff_id", ID, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), server_default="", nullable=False),
        sa.Column("media_chat_id", sa.String(128), nullable=True),
        sa.Column("media_message_id", sa.String(128), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('test_case', 'proof', 'service_comment', 'reason')",
                           name="ck_ticket_notes_kind"),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"],
                                name="fk_ticket_notes_ticket_id_tickets"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name="fk_ticket_notes_staff_id_staff"),
        sa.PrimaryKeyConstraint("id", name="pk_ticket_notes"),
    )
    op.create_index("ix_ticket_notes_ticket_id", "ticket_notes", ["ticket_id"])

    op.create_table(
        "time_entries",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("ticket_id", ID, nullable=False),
        sa.Column("client_id", ID, nullable=False),
        sa.Column("staff_id", ID, nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(24), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("corrects_id", ID, nullable=True),
        sa.Column("idempotency_key", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("minutes <> 0 AND (minutes > 0 OR corrects_id IS NOT NULL)",
                           name="ck_time_entries_minutes"),
        sa.CheckConstraint(
            "category IN ('billable', 'helping_colleague', 'learning', 'infrastructure', "
            "'our_mistake', 'over_estimate')",
            name="ck_time_entries_category",
        ),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"],
                                name="fk_time_entries_ticket_id_tickets"),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name="fk_time_entries_client_id_clients"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name="fk_time_entries_staff_id_staff"),
        sa.ForeignKeyConstraint(["corrects_id"], ["time_entries.id"],
                                name="fk_time_entries_corrects_id_time_entries"),
        sa.PrimaryKeyConstraint("id", name="pk_time_entries"),
        sa.UniqueConstraint("idempotency_key", name="uq_time_entries_idempotency_key"),
    )
    op.create_index("ix_time_entries_ticket_id", "time_entries", ["ticket_id"])
    op.create_index("ix_time_entries_client_period", "time_entries", ["client_id", "period"])

    op.create_table(
        "estimates",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("ticket_id", ID, nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("proposed_by", ID, nullable=False),
        sa.Column("decided_by", ID, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('proposed', 'approved', 'declined')",
                           name="ck_estimates_status"),
        sa.CheckConstraint("minutes > 0 AND price >= 0", name="ck_estimates_amounts"),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"],
                                name="fk_estimates_ticket_id_tickets"),
        sa.ForeignKeyConstraint(["proposed_by"], ["staff.id"],
                                name="fk_estimates_proposed_by_staff"),
        sa.ForeignKeyConstraint(["decided_by"], ["people.id"],
                                name="fk_estimates_decided_by_people"),
        sa.PrimaryKeyConstraint("id", name="pk_estimates"),
    )
    op.create_index("ix_estimates_ticket_id", "estimates", ["ticket_id"])

    op.create_table(
        "kb_entries",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("client_id", ID, nullable=False),
        sa.Column("ticket_id", ID, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("source IN ('service_comment', 'ticket')",
                           name="ck_kb_entries_source"),
        sa.ForeignKeyConstraint(["client_id"], ["clients.id"],
                                name="fk_kb_entries_client_id_clients"),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"],
                                name="fk_kb_entries_ticket_id_tickets"),
        sa.PrimaryKeyConstraint("id", name="pk_kb_entries"),
    )
    op.create_index("ix_kb_entries_client_id", "kb_entries", ["client_id"])
    if sqlite:
        # External content: the words live once, in kb_entries; the index keeps only postings.
        op.execute("CREATE VIRTUAL TABLE kb_fts USING fts5(text, content='kb_entries', "
                   "content_rowid='id', tokenize='unicode61 remove_diacritics 2')")
    else:
        op.execute("CREATE INDEX ix_kb_entries_fts ON kb_entries "
                   "USING gin (to_tsvector('russian', text))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS kb_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_kb_entries_fts")
    op.drop_index("ix_kb_entries_client_id", "kb_entries")
    op.drop_table("kb_entries")
    op.drop_index("ix_estimates_ticket_id", "estimates")
    op.drop_table("estimates")
    op.drop_index("ix_time_entries_client_period", "time_entries")
    op.drop_index("ix_time_entries_ticket_id", "time_entries")
    op.drop_table("time_entries")
    op.drop_index("ix_ticket_notes_ticket_id", "ticket_notes")
    op.drop_table("ticket_notes")
    op.drop_index("ix_staff_clients_client_id", "staff_clients")
    op.drop_table("staff_clients")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("tester_id")
        batch.drop_column("assignee_id")
