"""The app's icons: SVGs from resources/icons, so they stay sharp at any scale."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from briefing.core import resources_dir


def icon(name: str) -> QIcon:
    """resources/icons/<name>.svg; an empty icon (text only) if it is missing."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
