"""The archive database: typed models, engine factory, the repository (the only module with SQL
semantics) and Alembic migrations."""
