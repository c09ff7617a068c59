"""Bundles (write, read, verify) and the programme hub (import, trust, merge). Qt-free."""
