"""The desktop turning dark while the app is open: the reader, its marks, the panel and the
docked workspace's preview follow (under the app's style sheet they kept the palette they
were polished in: light text on a light page in the preview)."""

from __future__ import annotations

from PySide6.QtGui import QPalette

from briefing.core import Library
from briefing.ui.app import apply_style
from briefing.ui.theme import DARK, LIGHT
from briefing.ui.workspace import open_workspace
from tests.ui.helpers import dark_palette, sample_window
from tests.ui.test_workspace_preview import _contrast, _quote_colours

BASE = QPalette.ColorRole.Base


def test_the_app_follows_a_palette_changed_while_it_runs(
    qtbot, qapp, make_window, library: Library
) -> None:
    apply_style(qapp)
    light = QPalette(qapp.palette())
    window, _ = sample_window(qtbot, make_window, library)
    claims = [c.id for c in library.claims.list()]
    briefing_id = library.briefings.new("Designation")
    library.briefings.add_claims(briefing_id, claims[:2], section="The designation")
    workspace = open_workspace(window)
    workspace.select_briefing(briefing_id)
    preview = workspace.preview
    qtbot.waitUntil(lambda: "facial recognition" in preview.toPlainText() and not preview.busy)
    assert window.reader.colours == LIGHT

    qapp.setPalette(dark_palette(light))
    try:
        for widget in (window.reader.page, window.panel.tree, preview):
            assert widget.palette().color(BASE).lightness() < 128, widget
        assert window.reader.colours == DARK
        qtbot.waitUntil(lambda: _quote_colours(preview)[1].lightness() < 128)
        text, background = _quote_colours(preview)
        assert _contrast(text, background) >= 4.5, (text.name(), background.name())
    finally:
        qapp.setPalette(light)
    assert window.reader.page.palette().color(BASE).lightness() > 128
    assert window.reader.colours == LIGHT
    qtbot.waitUntil(lambda: _quote_colours(preview)[1].lightness() > 128)
