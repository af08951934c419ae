"""The wheel carries every package: pyproject lists them one by one (db/ and resources/
are mapped into the package), so a new folder must be listed or the app ships without it."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "briefing").rglob("__init__.py")
    }
    assert on_disk <= listed, f"add to pyproject.toml: {sorted(on_disk - listed)}"
    assert config["package-dir"] == {"briefing.migrations": "db", "briefing.resources": "resources"}
