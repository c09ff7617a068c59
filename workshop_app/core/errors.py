"""Domain errors: each says, in one line, what was wrong and what to do instead."""

from workshop_app.errors import AppError


class DomainError(AppError):
    pass


class NotFoundError(DomainError):
    pass


class AmbiguousReferenceError(DomainError):
    pass


class ValidationError(DomainError):
    pass


class ImportFormatError(DomainError):
    pass


class UndoRefusedError(DomainError):
    """Undo or redo would overwrite what changed since the action (another laptop's change
    merged in, or another window's): nothing was changed."""
