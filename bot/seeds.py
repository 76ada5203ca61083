"""The source essays in seeds/: every scenario and story must name one that exists."""

from __future__ import annotations

from pathlib import Path

from bot.yaml_data import DataError, Fields


def source_essay(fields: Fields, seeds_dir: Path, field: str = "source") -> tuple[str, Path]:
    """The `seeds/<file>` a content entry names, and the file itself."""
    source = fields.text(field)
    essay = seeds_dir / source.removeprefix("seeds/")
    if not source.startswith("seeds/") or not essay.is_file():
        raise DataError(fields.path, fields.name(field), f"{source!r} is not a file in seeds/")
    return source, essay
