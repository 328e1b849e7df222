"""money bounds: no ledger entry, hourly rate or monthly fee beyond 100 million roubles

Revision ID: i21_0001_money_bounds
Revises: 0005_ledger

The same bound as domain.ledger.MAX_ENTRY_KOPECKS, so a writer that skips the domain still
cannot store an amount that a 64-bit sum of a client's entries could overflow.
"""

from alembic import op

revision = "i21_0001_money_bounds"
down_revision = "0005_ledger"
branch_labels = None
depends_on = None

LIMIT = 10_000_000_000  # kopecks


def upgrade() -> None:
    with op.batch_alter_table("ledger_entries") as batch:
        batch.create_check_constraint(op.f("ck_ledger_entries_amount_bounds"), f"amount BETWEEN -{LIMIT} AND {LIMIT}")
    with op.batch_alter_table("plans") as batch:
        batch.create_check_constraint(op.f("ck_plans_rate_bounds"), f"hourly_rate <= {LIMIT}")
    with op.batch_alter_table("plan_kinds") as batch:
        batch.create_check_constraint(op.f("ck_plan_kinds_fee_bounds"), f"monthly_fee <= {LIMIT}")


def downgrade() -> None:
    with op.batch_alter_table("plan_kinds") as batch:
        batch.drop_constraint(op.f("ck_plan_kinds_fee_bounds"), type_="check")
    with op.batch_alter_table("plans") as batch:
        batch.drop_constraint(op.f("ck_plans_rate_bounds"), type_="check")
    with op.batch_alter_table("ledger_entries") as batch:
        batch.drop_constraint(op.f("ck_ledger_entries_amount_bounds"), type_="check")
