"""Small helpers shared by the app's forms."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel


def label_fields(form: QFormLayout) -> None:
    """Each row's label names its field: Alt+letter jumps there, screen readers read it."""
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label and field and isinstance(label.widget(), QLabel):
            label.widget().setBuddy(field.widget())
            field.widget().setAccessibleName(label.widget().text().replace("&", ""))
