"""Persistence: typed models, the SQLite engine and its migrations."""
