"""The one error family every layer raises for things a person can fix or should be told, and
the operating system's reasons in words of the chosen language."""

import errno

from workshop_app.i18n import N_, _


class AppError(Exception):
    """An error whose message is one plain line fit to show a facilitator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# The operating system's reasons in plain words, so that a message reads in one language all
# through (strerror is English whatever language the app speaks).
_OS_REASONS: dict[str, str] = {
    "ENOENT": N_("there is no such file or folder"),
    "EACCES": N_("permission denied"),
    "EPERM": N_("permission denied"),
    "EROFS": N_("the disk is read-only"),
    "ENOSPC": N_("the disk is full"),
    "EDQUOT": N_("the disk quota is used up"),
    "EISDIR": N_("it is a folder"),
    "ENOTDIR": N_("a part of the path is not a folder"),
    "EEXIST": N_("it already exists"),
    "ENAMETOOLONG": N_("the name is too long"),
    "EFBIG": N_("the file is too large"),
    "EIO": N_("the disk could not be read or written (an input/output error)"),
    "EBUSY": N_("it is in use by another program"),
    "EMFILE": N_("too many files are open"),
    "ENFILE": N_("too many files are open"),
    "EINVAL": N_("the name or path is not valid here"),
}


def os_reason(exc: OSError) -> str:
    """Why the operating system said no, in words of the chosen language (for a `{reason}`
    in a one-line message); an error number without words here is named by its code."""
    if exc.errno is None:
        return exc.strerror or str(exc)
    code = errno.errorcode.get(exc.errno, str(exc.errno))
    phrase = _OS_REASONS.get(code)
    if phrase is not None:
        return _(phrase)
    return _("the system said no ({code})").format(code=code)
