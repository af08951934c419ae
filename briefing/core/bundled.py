"""Where the files that ship with the program are: the migrations and the resources.

In the repository they sit at the top (`db/`, `resources/`: the layout is fixed); a wheel or
a PyInstaller build carries them inside the package as `briefing/migrations` and
`briefing/resources`. Looking in both places keeps a checkout, an editable install and a
built app working alike.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _find(inside: str, beside: str) -> Path:
    for candidate in (_PACKAGE / inside, _PACKAGE.parent / beside):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the program's {beside}/ folder is missing from this installation")


def migrations_dir() -> Path:
    return _find("migrations", "db")


def resources_dir() -> Path:
    return _find("resources", "resources")
