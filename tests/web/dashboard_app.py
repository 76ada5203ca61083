"""The dashboard as the web app serves it, on a seeded test database, for TestClient."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from starlette.applications import Starlette

from bot.settings import load_settings
from bot.web.app import create_app

PASSWORD = "correct horse battery"


def dashboard_app(db_url: str, folder: Path, **environment: str) -> Starlette:
    """`environment`: more settings, e.g. EMPLOYEE_AUTH="links"."""
    settings = load_settings(
        {"RASA_AUTH_TOKEN": "x" * 20, "WEB_SECRET_KEY": "y" * 32, "DB_URL": db_url, **environment},
        dotenv_path=folder / "none.env",
    )
    return create_app(settings)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def read_csv(text: str) -> list[dict[str, str]]:
    """An exported CSV's rows, by column name."""
    return list(csv.DictReader(io.StringIO(text)))
