"""The marks in the reader under Xvfb, in colour and in greyscale, a mark's hover card, its
context menu and the briefing tree's menu, for docs/screenshots (then looked at).

Run with: xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m pytest -m screenshot tests/ui
(the pictures are saved under tmp_path; BRIEFING_UPDATE_SCREENSHOTS=1 saves them in docs/).
Asserts what can fail in a picture: not blank; in greyscale, the rule under a corroborated
claim is one unbroken run of dark pixels and a disputed or denied claim's is broken into
many (status reads without colour); the card and the menus on screen, inside it, saying
what they should.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QLineF, QPoint, QRect, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QMenu

from briefing.core import Library
from briefing.ui.actions.suggestions import suggest_mentions
from briefing.ui.main_window import MainWindow
from briefing.ui.workspace import open_workspace
from tests.ui.helpers import REAL_WINDOW, first_run_window, save_screenshot

pytestmark = REAL_WINDOW


def _screen(rect: QRect) -> QImage:
    """What the (virtual) screen shows in `rect`: top-level popups included."""
    return QGuiApplication.primaryScreen().grabWindow(0, *rect.getRect()).toImage()


def _prepare(qtbot, window: MainWindow, library: Library) -> None:
    """The worked example with a denied and a retracted claim too, and suggestions."""
    for quote, status in (("military-industrial", "denied"), ("caught in the", "retracted")):
        claim = next(c for c in library.claims.list() if quote in c.quote)
        state = library.claims.state(claim.id)
        library.claims.apply_state(claim.id, dataclasses.replace(state, status=status))
    window.open_article(window.reader.article_id)
    op = suggest_mentions(window)
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: window.panel.items("Suggested") != [])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _rule_runs(window: MainWindow, image: QImage, claim_id: int) -> list[int]:
    """In greyscale, the lengths of the dark runs along the rule under the claim's first
    line, where the page drew it."""
    reader = window.reader
    claim = next(c for c in window.view.claims if c.id == claim_id)
    start = reader.document_position(claim.start)
    (deco,) = [d for d in reader.page.decorations if d.start == start and d.style != "outline"]
    line = reader.page.shapes(deco)[0]
    assert isinstance(line, QLineF)
    assert reader.page.viewport().rect().contains(line.p1().toPoint())  # in sight
    ratio = image.devicePixelRatio()
    left = reader.page.viewport().mapTo(window, line.p1().toPoint())
    right = reader.page.viewport().mapTo(window, line.p2().toPoint())
    y = round(left.y() * ratio)
    runs, run = [], 0
    for x in range(round((left.x() + 1) * ratio), round((right.x() - 1) * ratio)):
        if image.pixelColor(x, y).lightness() < 150:
            run += 1
        elif run:
            runs.append(run)
            run = 0
    return [*runs, run] if run else runs


def test_marks_in_colour_and_greyscale(qtbot, qapp, tmp_path: Path, screenshots: Path) -> None:
    with first_run_window(qtbot, qapp, tmp_path) as (window, library):
        window.resize(1240, 1000)  # room for the claims from the first to the denied one
        _prepare(qtbot, window, library)
        reader = window.reader
        # From the last line of the disputed claim to the denied one: four statuses.
        corroborated = next(c for c in library.claims.list() if c.status == "corroborated")
        reader.scroll_to_offset(corroborated.start - 60)
        qapp.processEvents()
        area = QRect(reader.mapTo(window, QPoint(0, 0)), reader.size())
        image = window.grab(area).toImage()
        save_screenshot(window.grab(area), screenshots / "marks.png")
        grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
        assert grey.save(str(screenshots / "marks-greyscale.png"))

        by_status = {c.status: c for c in library.claims.list()}

        def runs(status: str) -> list[int]:
            claim = by_status[status]
            reader.scroll_to_offset(claim.start)  # its first line at the top
            qapp.processEvents()
            full = window.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
            return _rule_runs(window, full, claim.id)

        solid, dashed, dotted = runs("corroborated"), runs("disputed"), runs("denied")
        assert len(solid) == 1 and solid[0] > 60  # one long unbroken line
        assert len(dashed) >= 8 and max(dashed) < 20  # broken into dashes
        assert len(dotted) >= 8 and max(dotted) < max(dashed)  # into smaller dots


def test_hover_card_and_context_menu(qtbot, qapp, tmp_path: Path, screenshots: Path) -> None:
    with first_run_window(qtbot, qapp, tmp_path) as (window, library):
        window.resize(1240, 740)  # within Xvfb's screen: popups are grabbed from it
        _prepare(qtbot, window, library)
        reader = window.reader
        claim = next(c for c in library.claims.list() if c.status == "disputed")
        mark = next(m for m in window.view.marks() if m.annotation_id == claim.id)
        point = reader.mark_point(mark)
        qtbot.mouseMove(reader.page.viewport(), point)
        qtbot.waitUntil(reader.card.isVisible, timeout=3000)
        card = reader.card
        text = card.label.text()
        assert "US Treasury" in text and "disputed" in text and "Credibility" in text
        screen = QGuiApplication.primaryScreen().geometry()
        assert screen.contains(card.frameGeometry())
        assert card.label.sizeHint().height() <= card.label.height() + 1  # nothing cut
        # Shown is not yet on the screen: after a whole run of screenshot tests the picture
        # was once taken before the X server had drawn the card.
        qtbot.waitExposed(card)
        qtbot.wait(100)
        qapp.processEvents()
        shot = QRect(window.geometry().topLeft(), window.frameGeometry().size())
        image = _screen(shot.united(card.frameGeometry()))
        assert image.save(str(screenshots / "hover-card.png"))

        # The context menu on the same mark.
        qtbot.mouseMove(reader.page.viewport(), QPoint(2, 2))
        qtbot.waitUntil(lambda: not card.isVisible())
        event = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, point, reader.page.viewport().mapToGlobal(point)
        )
        QApplication.sendEvent(reader.page.viewport(), event)
        menu = reader.page.open_menu
        assert isinstance(menu, QMenu)
        qtbot.waitUntil(menu.isVisible)
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert texts[:4] == [
            "&Edit Claim…",
            "&Delete Claim",
            "Add to &Briefing",
            "Copy Quote with &Citation",
        ]
        qapp.processEvents()
        image = _screen(shot.united(menu.geometry()))
        assert image.save(str(screenshots / "mark-menu.png"))
        menu.close()


def test_the_briefing_trees_menu(qtbot, qapp, tmp_path: Path, screenshots: Path) -> None:
    with first_run_window(qtbot, qapp, tmp_path) as (window, library):
        window.resize(1240, 740)  # within Xvfb's screen: popups are grabbed from it
        claims = [c.id for c in library.claims.list()]
        briefing_id = library.briefings.new("SenseTime IPO and US sanctions")
        library.briefings.add_claims(briefing_id, claims[:3], section="The designation")
        library.briefings.add_claims(briefing_id, claims[3:5], section="SenseTime's response")
        workspace = open_workspace(window)
        workspace.select_briefing(briefing_id)
        item = workspace.briefing.sections[0].items[1]
        index = workspace.tree_model.index_of_item(item.id)
        workspace.tree.setCurrentIndex(index)
        where = workspace.tree.visualRect(index).center()
        event = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, where, workspace.tree.viewport().mapToGlobal(where)
        )
        QApplication.sendEvent(workspace.tree.viewport(), event)
        menu = workspace.menu
        assert isinstance(menu, QMenu)
        qtbot.waitUntil(menu.isVisible)
        qtbot.waitUntil(lambda: not workspace.preview.busy and workspace.preview.html != "")
        # Its Move to Section submenu opened as a reader would: the entry, then Right.
        entry = next(a for a in menu.actions() if a.menu() is not None)
        move = entry.menu()
        menu.setActiveAction(entry)
        qtbot.keyClick(menu, Qt.Key.Key_Right)
        qtbot.waitUntil(move.isVisible)
        qapp.processEvents()
        shot = QRect(window.geometry().topLeft(), window.frameGeometry().size())
        image = _screen(shot.united(menu.geometry()).united(move.geometry()))
        assert image.save(str(screenshots / "briefing-tree-menu.png"))
        texts = [a.text().replace("&", "") for a in menu.actions()]
        assert texts[:4] == ["Show in Reader", "Move Up", "Move Down", "Move to Section"]
        assert [a.text() for a in move.actions() if not a.isSeparator()] == [
            "SenseTime's response  (2)",
            "&New Section…",
        ]
        move.close()
        menu.close()
