"""The claim editor on a screen of a given size, in a process of its own:

    python -m tests.ui.claim_editor_window OUT.png LIBRARY SETTINGS (edit|new|new-open)

run under an X server whose screen is the size to try (tests/ui/test_screenshot_claim_editor.py
starts an Xvfb of its own for each), with QT_SCALE_FACTOR in the environment (read once, when
the QApplication is made: hence a process). The main window fills the screen; `edit` opens
the worked example's US Treasury claim (sources, subjects, a relation) with the reader's
cursor in it, `new` marks the words of another sentence and names a new speaker (its kind
chooser shows), `new-open` then opens its folded sources. It saves a grab of the whole screen
(the window and the editor where they sit) to OUT.png and prints, as JSON, what the test
asserts on: the editor's frame and the screen's room, the words' rectangle, labels and buttons
narrower than their text, and each field reached by Tab with whether it was then in view.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QEvent, QEventLoop, QRect, QSettings, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPainter, QPixmap, QTextCursor
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from briefing.core import Library
from briefing.ui.actions import annotate
from briefing.ui.app import make_application, open_window
from briefing.ui.dialogs.claim_editor import ClaimEditor
from briefing.ui.main_window import MainWindow
from tests.ui.window_script import settle, wait

NEW_QUOTE = "SenseTime said yesterday it was postponing"
NEW_SPEAKER = "Hong Kong Exchanges and Clearing"


def _words(window: MainWindow, start: int, end: int) -> QRect:
    """The words' lines on the screen, as wide as the reader's column where they run over
    several lines."""
    reader = window.reader
    page = reader.page
    first, last = QTextCursor(page.document()), QTextCursor(page.document())
    first.setPosition(reader.document_position(start))
    last.setPosition(reader.document_position(end))
    top, bottom = page.cursorRect(first), page.cursorRect(last)
    if top.top() == bottom.top():
        rect = QRect(top.topLeft(), bottom.bottomRight()).normalized()
    else:
        view = page.viewport().rect()
        rect = QRect(view.left(), top.top(), view.width(), bottom.bottom() - top.top())
    rect = rect.intersected(page.viewport().rect())
    return QRect(page.viewport().mapToGlobal(rect.topLeft()), rect.size())


def _clipped(editor: QWidget) -> list[str]:
    found = []
    for widget in editor.findChildren(QLabel) + editor.findChildren(QAbstractButton):
        if not widget.isVisible() or not widget.text():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        text = widget.text().replace("&", "")
        if QFontMetrics(widget.font()).horizontalAdvance(text) > widget.contentsRect().width():
            found.append(f"{type(widget).__name__} {text!r}")
    return found


def _rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def _tabbed(app: QApplication, editor: ClaimEditor) -> list[dict[str, object]]:
    """Tab from the speaker round to it again: each field reached, and whether all of it
    was in the editor's view (inside the scroll area's viewport, or outside the scroll area
    altogether) and on the screen."""
    editor.activateWindow()
    editor.speaker.setFocus()
    wait(app, lambda: editor.speaker.line.hasFocus())
    view = editor.scroll.viewport()
    seen: list[dict[str, object]] = []
    for _ in range(80):
        widget = app.focusWidget()
        assert widget is not None
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        where = QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())
        if editor.scroll.widget().isAncestorOf(widget):
            room = QRect(view.mapToGlobal(view.rect().topLeft()), view.size())
        else:
            room = editor.frameGeometry()
        seen.append(
            {
                "name": widget.accessibleName() or widget.objectName() or type(widget).__name__,
                "rect": _rect(where),
                "in_view": room.contains(where),
                "on_screen": editor.screen().availableGeometry().contains(where),
            }
        )
        # As the keyboard does: the widget with the focus hears the key.
        tab = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, tab)
        if app.focusWidget() is editor.speaker.line:
            break
    return seen


def main(out: str, library_path: str, settings_path: str, mode: str) -> None:
    app = make_application()
    library = Library.open(library_path)
    window = open_window(library, QSettings(settings_path, QSettings.Format.IniFormat))
    screen = window.screen()
    area = screen.availableGeometry()
    window.setGeometry(area)
    wait(app, lambda: window.windowHandle() is not None and window.windowHandle().isExposed())
    wait(app, lambda: window.panel.items("Claims") != [])
    settle(app)
    if mode == "edit":
        claim = next(c for c in library.claims.list() if c.links and len(c.about) > 1)
        start, end = claim.start, claim.end
        window.reader.scroll_to_offset(start)
        window.reader.select_span(start, start)  # the cursor in it, nothing selected
        settle(app)
        editor = annotate.edit_claim(window, claim.id)
    else:
        text = library.articles.get(window.reader.article_id).text
        start = text.index(NEW_QUOTE)
        end = start + len(NEW_QUOTE)
        window.reader.scroll_to_offset(start)
        window.reader.select_span(start, end)
        settle(app)
        editor = annotate.mark_claim(window)
    assert isinstance(editor, ClaimEditor)
    wait(app, lambda: editor.windowHandle() is not None and editor.windowHandle().isExposed())
    settle(app)
    if mode != "edit":  # a speaker the library does not know: its kind chooser shows
        editor.speaker.line.setText(NEW_SPEAKER)
        settle(app)
    if mode == "new-open":  # the sources opened by the reader: the editor grows
        editor.sources_section.header.click()
        settle(app)
    words = _words(window, start, end)
    frame = editor.frameGeometry()

    # The screen as the reader sees it: the window, the editor over it. Xvfb has no window
    # manager to draw a frame: a border stands in for it.
    image = QPixmap(window.grab())
    where = editor.geometry().translated(-window.geometry().topLeft())
    painter = QPainter(image)
    painter.drawPixmap(where.topLeft(), editor.grab())
    painter.setPen(Qt.GlobalColor.darkGray)
    painter.drawRect(where.adjusted(0, 0, -1, -1))
    painter.end()
    image.save(out)
    seen = {
        "ratio": editor.devicePixelRatioF(),
        "area": _rect(area),
        "frame": _rect(frame),
        "words": _rect(words),
        "sections": {
            "sources": editor.sources_section.is_open(),
            "links": editor.links_section.is_open(),
        },
        "clipped": _clipped(editor),
    }
    seen["tabbed"] = _tabbed(app, editor)
    print(json.dumps(seen))
    editor.reject()
    window.close()
    window.runner.shutdown()
    library.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
