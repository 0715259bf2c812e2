"""Errors that carry one readable line per problem instead of a traceback wall."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one place: file, row (1-based line in the file, header = line 1), column."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataError(Exception):
    """Bad input data; ``problems`` lists every problem found, one line each."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(Exception):
    """A build step failed; the message names the step (notebook, cell) and the error."""


class ParameterError(Exception):
    """A notebook or command parameter has the wrong type or an unknown value."""
