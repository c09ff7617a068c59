"""The one error family every layer raises for things a person can fix or should be told."""


class AppError(Exception):
    """An error whose message is one plain line fit to show a facilitator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
