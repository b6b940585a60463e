"""Storage: SQLAlchemy models, engine set-up, migrations, backups and the audit trail."""
