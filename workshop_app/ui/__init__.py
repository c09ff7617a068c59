"""PySide6 only: screens, Qt item models and undo commands that call core."""
