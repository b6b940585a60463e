"""scores: conduct rules and their effective-dated values, score settings, incidents,
waivers of attendance-derived incidents

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=f"fk_{table}_{column}_{target}")


def upgrade() -> None:
    op.create_table(
        "score_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False, server_default=""),
        _fk("score_rule", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name="pk_score_rule"),
        sa.UniqueConstraint("project_id", "code", name="uq_score_rule_project_code"),
    )
    op.create_index("ix_score_rule_project_id", "score_rule", ["project_id"])
    op.create_table(
        "score_rule_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False, server_default=""),
        _fk("score_rule_change", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name="pk_score_rule_change"),
        sa.UniqueConstraint("project_id", "code", "effective_from",
                            name="uq_score_rule_change_project_code_from"),
    )
    op.create_index("ix_score_rule_change_project_id", "score_rule_change", ["project_id"])
    op.create_table(
        "score_setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("value", sa.String(100), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False, server_default=""),
        _fk("score_setting", "project_id", "project"),
        sa.PrimaryKeyConstraint("id", name="pk_score_setting"),
        sa.UniqueConstraint("project_id", "key", "effective_from",
                            name="uq_score_setting_project_key_from"),
    )
    op.create_index("ix_score_setting_project_id", "score_setting", ["project_id"])
    op.create_table(
        "score_incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("rule_code", sa.String(40), nullable=False),
        sa.Column("points_override", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(100), nullable=False, server_default=""),
        sa.Column("waived_at", sa.DateTime(), nullable=True),
        sa.Column("waived_by", sa.String(100), nullable=True),
        sa.Column("waive_reason", sa.Text(), nullable=True),
        _fk("score_incident", "project_id", "project"),
        _fk("score_incident", "person_id", "person"),
        sa.PrimaryKeyConstraint("id", name="pk_score_incident"),
    )
    op.create_index("ix_score_incident_project_id", "score_incident", ["project_id"])
    op.create_index("ix_score_incident_occurred_at", "score_incident", ["occurred_at"])
    op.create_index("ix_score_incident_person_day", "score_incident",
                    ["person_id", "occurred_at"])
    op.create_table(
        "score_waiver",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("session", sa.String(2), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("waived_at", sa.DateTime(), nullable=False),
        sa.Column("waived_by", sa.String(100), nullable=False, server_default=""),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(100), nullable=True),
        sa.Column("revoke_reason", sa.Text(), nullable=True),
        _fk("score_waiver", "project_id", "project"),
        _fk("score_waiver", "person_id", "person"),
        sa.PrimaryKeyConstraint("id", name="pk_score_waiver"),
    )
    op.create_index("ix_score_waiver_project_id", "score_waiver", ["project_id"])
    op.create_index("ix_score_waiver_person_day", "score_waiver", ["person_id", "day"])


def downgrade() -> None:
    op.drop_table("score_waiver")
    op.drop_table("score_incident")
    op.drop_table("score_setting")
    op.drop_table("score_rule_change")
    op.drop_table("score_rule")
