"""Workshop App: offline community engagement workshops."""

__version__ = "0.1.0"
