"""The live preview follows the typing, drops stale renders; and the briefing gets out:
copied as Markdown, written to PDF, printed, or refused with a message."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCursor
from PySide6.QtPrintSupport import QPrintDialog

from briefing.core import Library
from briefing.core.export.html import render_html
from briefing.core.sample import load_sample
from briefing.ui.workspace import exporting
from briefing.ui.workspace.preview import preview_css, rendered_document
from briefing.ui.workspace.preview_render import PreviewRenderer
from briefing.ui.workspace.window import WorkspaceWindow
from tests.ui.helpers import dark_palette, reads, write
from tests.ui.test_workspace_helpers import DESIGNATION, workspace_on


@pytest.fixture
def briefing_id(library: Library) -> int:
    c = load_sample(library).claims
    b = library.briefings.new("SenseTime IPO and US sanctions", bluf="Old bottom line.")
    library.briefings.add_claims(b, [c["c1"], c["c5"]], section=DESIGNATION)
    return b


@pytest.fixture
def window(qtbot, library: Library, briefing_id: int, tmp_path: Path):
    yield from workspace_on(qtbot, library, tmp_path)


def test_the_preview_shows_the_briefing_and_follows_the_typing(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int
) -> None:
    preview = window.preview
    qtbot.waitUntil(lambda: "Old bottom line." in preview.toPlainText())
    assert DESIGNATION in preview.toPlainText() and "military-industrial" in preview.toPlainText()
    window.fields.bluf.setFocus()
    window.fields.bluf.selectAll()
    qtbot.keyClicks(window.fields.bluf, "Sanctions bite")
    qtbot.waitUntil(lambda: "Sanctions bite" in preview.toPlainText())
    assert "Old bottom line." not in preview.toPlainText()
    assert library.briefings.get(briefing_id).bluf == "Old bottom line."  # not committed yet
    assert "<blockquote>" in preview.html


def test_a_render_overtaken_by_typing_is_dropped(
    qtbot, window: WorkspaceWindow, briefing_id: int
) -> None:
    preview = window.preview
    qtbot.waitUntil(lambda: not preview.busy)
    shown: list[str] = []
    preview.updated.connect(lambda: shown.append(preview.html))
    started: list[bool] = []

    def type_more() -> None:  # while the first render runs, before its result can arrive
        if not started:
            started.append(preview.rendering)
            preview.request(briefing_id, {"bluf": "Second draft"})

    preview.render_started.connect(type_more)
    preview.request(briefing_id, {"bluf": "First draft"})
    qtbot.waitUntil(lambda: "Second draft" in preview.toPlainText())
    assert started == [True]
    assert not any("First draft" in html for html in shown)


def test_copy_as_markdown(qtbot, window: WorkspaceWindow) -> None:
    QGuiApplication.clipboard().clear()
    window.copy_action.trigger()
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text().startswith("# SenseTime IPO"))
    assert "## The designation" in QGuiApplication.clipboard().text()


def test_export_to_pdf_and_print(qtbot, window: WorkspaceWindow, tmp_path: Path) -> None:
    path = tmp_path / "briefing.pdf"
    op = exporting.export_pdf(window, path)
    with qtbot.waitSignal(op.finished):
        pass
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and b"/Type /Page" in data
    assert not list(tmp_path.glob(".briefing.pdf.*"))  # no temporary file left behind
    assert window.settings.value(exporting.FOLDER_KEY) == str(tmp_path)

    window.print_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.dialog, QPrintDialog))
    window.dialog.reject()


def test_an_export_that_cannot_be_written_says_why(
    qtbot, window: WorkspaceWindow, tmp_path: Path
) -> None:
    path = tmp_path / "missing" / "briefing.md"
    op = exporting.export_to(window, path, "md")
    with qtbot.waitSignal(op.failed):
        pass
    assert not path.exists()
    assert "does not exist" in window.statusBar().currentMessage()
    assert exporting.format_for(Path("a.HTML")) == "html"
    assert exporting.format_for(Path("a"), "HTML (*.html)") == "html"
    assert exporting.file_stem("SenseTime IPO & US sanctions!") == "sensetime-ipo-us-sanctions"


@pytest.mark.parametrize(
    "bluf",
    [
        "Sanctions bite.",
        "b",  # shares its first letter with the token
        "*Stressed*, **strong** and `code` & <b>tags</b> [a link](https://example.org)",
        "First paragraph.\n\nSecond paragraph.\n\n# not a heading",
        "",  # no BLUF paragraph at all: rendered in full
    ],
)
def test_the_fast_bluf_render_is_the_full_render(
    library: Library, briefing_id: int, bluf: str
) -> None:
    renderer = PreviewRenderer()
    fields = {"title": "Typed title", "author": "A. Analyst", "date": "2021-12-15"}
    renderer.render(library, briefing_id, fields | {"bluf": "warm the cache"})
    full = dataclasses.replace(
        library.briefings.document(briefing_id),
        title="Typed title",
        author="A. Analyst",
        date="2021-12-15",
        bluf=bluf,
    )
    assert renderer.render(library, briefing_id, fields | {"bluf": bluf}) == render_html(full)
    assert renderer.full_renders == (1 if bluf else 2)  # the cache, then keystrokes are cheap
    renderer.generation += 1  # the library changed: read it again
    renderer.render(library, briefing_id, fields | {"bluf": "x"})
    assert renderer.full_renders == (2 if bluf else 3)


def test_only_changes_to_what_the_briefing_quotes_reach_it(
    qtbot, window: WorkspaceWindow, library: Library, briefing_id: int
) -> None:
    preview = window.preview
    qtbot.waitUntil(lambda: "military-industrial" in preview.toPlainText())
    quoted = sorted(i.claim_id for i in window.briefing.items if i.claim_id)
    other = next(c.id for c in library.claims.list() if c.id not in quoted)
    briefing, rows = window.briefing, window.list_model.rows
    renders: list[int] = []
    preview.render_started.connect(lambda: renders.append(1))
    with reads(library) as seen:
        write(qtbot, window, lambda lib: lib.claims.edit(other, status="retracted"))
        write(qtbot, window, lambda lib: lib.actors.add_alias("Tang Xiao'ou", "Tang Xiaoou"))
        qtbot.wait(300)  # past the preview's debounce
    assert seen == [] and renders == []
    assert window.briefing is briefing and window.list_model.rows is rows
    # A claim it quotes: the briefing is read again and the preview renders it anew; the
    # list of briefings (titles, counts) is not read.
    assert "retracted" not in preview.toPlainText().lower()
    with reads(library) as seen:
        write(qtbot, window, lambda lib: lib.claims.edit(quoted[0], status="retracted"))
    assert window.briefing is not briefing
    assert not any("FROM briefings b ORDER BY" in sql for sql in seen)
    qtbot.waitUntil(lambda: renders != [])
    qtbot.waitUntil(lambda: "retracted" in preview.toPlainText().lower())


def _contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _quote_colours(preview) -> tuple[QColor, QColor]:  # noqa: ANN001
    """(text, background) of the first quoted claim as the preview draws it."""
    block = preview.document().begin()
    while block.isValid() and "facial recognition" not in block.text():
        block = block.next()
    assert block.isValid()
    background = block.blockFormat().background().color()
    fragment = block.begin().fragment()
    foreground = fragment.charFormat().foreground()
    text = (
        foreground.color()
        if foreground.style() != Qt.BrushStyle.NoBrush
        else preview.palette().color(QPalette.ColorRole.Text)
    )
    return text, background


def test_the_preview_follows_a_dark_palette(
    qtbot, qapp, library: Library, briefing_id: int, tmp_path: Path
) -> None:
    light = QPalette(qapp.palette())
    dark = dark_palette(light)
    qapp.setPalette(dark)  # a dark desktop
    try:
        workspace = workspace_on(qtbot, library, tmp_path)
        window = next(workspace)
        preview = window.preview
        qtbot.waitUntil(lambda: "facial recognition" in preview.toPlainText() and not preview.busy)
        text, background = _quote_colours(preview)
        # It read #e8e8e8 on #f6f6f6 (1.13:1): a quote now stands out from a dark page in
        # text that reads on it.
        assert _contrast(text, background) >= 4.5, (text.name(), background.name())
        assert background.lightness() < 128
        next(workspace, None)
    finally:
        qapp.setPalette(light)
    light_workspace = workspace_on(qtbot, library, tmp_path)
    window = next(light_workspace)
    qtbot.waitUntil(lambda: "facial recognition" in window.preview.toPlainText())
    qtbot.waitUntil(lambda: not window.preview.busy)
    text, background = _quote_colours(window.preview)
    assert _contrast(text, background) >= 4.5 and background.lightness() > 128
    next(light_workspace, None)


def _type(qtbot, field, text: str) -> None:
    """Type `text` key by key, Return for each line break."""
    for n, line in enumerate(text.split("\n")):
        if n:
            qtbot.keyClick(field, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(field, line)


@pytest.mark.parametrize(
    ("typed", "in_place"),
    [
        (" Sanctions *bite* & [hurt](https://example.org).", True),
        ("\n\nA second paragraph.", False),  # a block of its own: the page is parsed whole
    ],
)
def test_typing_in_the_bottom_line_edits_the_shown_page_as_a_full_parse_would(
    qtbot, window: WorkspaceWindow, typed: str, in_place: bool
) -> None:
    preview = window.preview
    qtbot.waitUntil(lambda: "Old bottom line." in preview.toPlainText() and not preview.busy)
    shown = preview.document()
    window.fields.bluf.setFocus()
    window.fields.bluf.moveCursor(QTextCursor.MoveOperation.End)
    edits = preview.edits_in_place
    for round_ in range(2):  # the second round edits the stretch the first one left
        _type(qtbot, window.fields.bluf, typed if round_ == 0 else " More.")
        qtbot.waitUntil(lambda r=round_: ("More." in preview.html) == (r == 1) and not preview.busy)
        qtbot.waitUntil(lambda: "bite" in preview.toPlainText() or "second" in preview.html)
        whole = rendered_document(preview.html, css=preview_css(preview.palette()))
        assert preview.document().toHtml() == whole.toHtml()
    assert (preview.edits_in_place - edits == 2) == in_place
    assert (preview.document() is shown) == in_place  # edited, not swapped for a new one
    assert "Old bottom line." in preview.toPlainText()


def test_the_preview_follows_the_palette_changed_while_it_is_open(
    qtbot, qapp, window: WorkspaceWindow
) -> None:
    preview = window.preview
    qtbot.waitUntil(lambda: "facial recognition" in preview.toPlainText() and not preview.busy)
    light = QPalette(qapp.palette())
    assert _quote_colours(preview)[1].lightness() > 128
    dark = dark_palette(light)
    qapp.setPalette(dark)  # the desktop turned dark meanwhile
    try:
        qtbot.waitUntil(lambda: _quote_colours(preview)[1].lightness() < 128)
        text, background = _quote_colours(preview)
        assert _contrast(text, background) >= 4.5
        # Typing goes on in the dark: the words go into the dark page.
        window.fields.bluf.setFocus()
        qtbot.keyClicks(window.fields.bluf, " Dark.")
        qtbot.waitUntil(lambda: "Dark." in preview.toPlainText())
        assert _quote_colours(preview)[1].lightness() < 128
    finally:
        qapp.setPalette(light)
    qtbot.waitUntil(lambda: _quote_colours(preview)[1].lightness() > 128)
