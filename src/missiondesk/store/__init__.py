"""The store: SQLAlchemy tables built from the domain, engine set-up, migrations, outbox."""
