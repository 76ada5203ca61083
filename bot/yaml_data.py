"""Reading the product's YAML content so a mistake is reported by file and field.

Scenarios, the rubric, anecdotes and labelled replies are edited by trainers, not
programmers; a broken file must say exactly where it is broken, at load time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class DataError(ValueError):
    """A content file is missing, unreadable or has a bad field; the message names both."""

    def __init__(self, path: Path, field: str, problem: str) -> None:
        self.path, self.field, self.problem = path, field, problem
        super().__init__(f"{path}: {field}: {problem}")


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError as error:
        raise DataError(path, "(file)", "does not exist") from error
    except UnicodeDecodeError as error:
        raise DataError(path, "(file)", f"is not UTF-8 text: {error}") from error
    except yaml.YAMLError as error:
        raise DataError(path, "(file)", f"is not valid YAML: {error}") from error


@dataclass(frozen=True)
class Fields:
    """A mapping from a content file that knows where it came from, for error messages."""

    path: Path
    where: str
    data: Mapping[str, Any]

    @classmethod
    def of_file(cls, path: Path) -> Fields:
        content = read_yaml(path)
        if not isinstance(content, Mapping):
            raise DataError(path, "(file)", "must be a mapping of fields")
        return cls(path, "", content)

    def name(self, field: str) -> str:
        return f"{self.where}.{field}" if self.where else field

    def raw(self, field: str) -> Any:
        if field not in self.data or self.data[field] is None:
            raise DataError(self.path, self.name(field), "is missing")
        return self.data[field]

    def text(self, field: str) -> str:
        value = self.raw(field)
        if not isinstance(value, str) or not value.strip():
            raise DataError(self.path, self.name(field), "must be non-empty text")
        return value.strip()

    def optional_text(self, field: str) -> str | None:
        return self.text(field) if self.data.get(field) is not None else None

    def texts(self, field: str, minimum: int = 1, default: list[str] | None = None) -> list[str]:
        if default is not None and self.data.get(field) is None:
            return default
        value = self.raw(field)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise DataError(self.path, self.name(field), "must be a list of non-empty texts")
        if len(value) < minimum:
            raise DataError(self.path, self.name(field), f"needs at least {minimum} entries")
        return [v.strip() for v in value]

    def number(self, field: str, low: float, high: float) -> float:
        value = self.raw(field)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise DataError(self.path, self.name(field), f"must be a number from {low} to {high}")
        return float(value)

    def integer(self, field: str, low: int, high: int) -> int:
        value = self.raw(field)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise DataError(self.path, self.name(field), f"must be a whole number {low}-{high}")
        return value

    def choice(self, field: str, allowed: Iterable[str]) -> str:
        options = sorted(allowed)
        value = self.text(field)
        if value not in options:
            raise DataError(self.path, self.name(field), f"must be one of {', '.join(options)}")
        return value

    def choices(
        self, field: str, allowed: Iterable[str], default: list[str] | None = None
    ) -> list[str]:
        options = set(allowed)
        values = self.texts(field, minimum=0, default=default)
        unknown = [v for v in values if v not in options]
        if unknown:
            raise DataError(
                self.path,
                self.name(field),
                f"unknown {', '.join(unknown)}; known: {', '.join(sorted(options))}",
            )
        return values

    def sub(self, field: str) -> Fields:
        value = self.raw(field)
        if not isinstance(value, Mapping):
            raise DataError(self.path, self.name(field), "must be a mapping of fields")
        return Fields(self.path, self.name(field), value)

    def items(self, field: str, minimum: int = 1) -> list[Fields]:
        value = self.raw(field)
        if not isinstance(value, list) or len(value) < minimum:
            raise DataError(self.path, self.name(field), f"must be a list of at least {minimum}")
        entries = []
        for index, entry in enumerate(value):
            if not isinstance(entry, Mapping):
                raise DataError(self.path, f"{self.name(field)}[{index}]", "must be a mapping")
            entries.append(Fields(self.path, f"{self.name(field)}[{index}]", entry))
        return entries

    def entries(self, field: str) -> list[Fields]:
        """An optional field written as one mapping or a list of them; absent, none."""
        value = self.data.get(field)
        if value is None:
            return []
        return self.items(field) if isinstance(value, list) else [self.sub(field)]

    def names(self) -> list[str]:
        return [str(k) for k in self.data]


def require_unique_ids(path: Path, field: str, ids: Iterable[str]) -> None:
    """Ids are how other files and payloads refer to an entry; each must name one entry."""
    seen: set[str] = set()
    for index, entry_id in enumerate(ids):
        if entry_id in seen:
            raise DataError(path, f"{field}[{index}].id", f"{entry_id!r} is used twice")
        seen.add(entry_id)
