"""The icon set is the app's SVG, drawn at the sizes desktops ask for.

resources/icons/hicolor/NxN/apps/briefing.png are committed (a wheel, an sdist and the
stand-alone build carry them as they are); this test draws the SVG with Qt at each size and
compares. With BRIEFING_UPDATE_ICONS=1 it writes them instead: do that after changing
resources/icons/briefing.svg, and look at them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "briefing.svg"
# The hicolor theme's usual sizes (16 to 48 for menus and panels, 64 and up for launchers
# and HiDPI).
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
UPDATE = os.environ.get("BRIEFING_UPDATE_ICONS") == "1"
TOLERANCE = 6  # of 255 per channel: room for a Qt version's antialiasing, not a new drawing


def png_path(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / "briefing.png"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(str(SVG))
    assert renderer.isValid()
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def largest_difference(a: QImage, b: QImage) -> int:
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            pa, pb = a.pixelColor(x, y), b.pixelColor(x, y)
            worst = max(
                worst,
                abs(pa.red() - pb.red()),
                abs(pa.green() - pb.green()),
                abs(pa.blue() - pb.blue()),
                abs(pa.alpha() - pb.alpha()),
            )
    return worst


@pytest.mark.parametrize("size", SIZES)
def test_each_png_is_the_svg_at_its_size(qapp, size: int) -> None:
    drawn = draw(size)
    path = png_path(size)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        assert drawn.save(str(path), "PNG")
    shipped = QImage(str(path))
    assert not shipped.isNull(), f"{path} is missing: run with BRIEFING_UPDATE_ICONS=1"
    assert (shipped.width(), shipped.height()) == (size, size)
    assert shipped.hasAlphaChannel()  # a square of background would show in the dock
    # Large sizes are compared on a sample of rows: the drawing is the same at every row.
    if size > 64:
        drawn, shipped = (
            img.scaled(64, 64, mode=Qt.TransformationMode.SmoothTransformation)
            for img in (drawn, shipped)
        )
    assert largest_difference(drawn, shipped) <= TOLERANCE


def test_no_other_size_is_shipped() -> None:
    found = sorted(p.relative_to(ICONS) for p in (ICONS / "hicolor").rglob("*") if p.is_file())
    assert found == sorted(png_path(size).relative_to(ICONS) for size in SIZES)
