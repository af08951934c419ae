"""Paste Article: the proposed title, outlet and date, corrected by the reader, imported."""

from __future__ import annotations

from briefing.core import Library
from briefing.ui.actions.articles import paste_article
from tests.conftest import SAMPLE
from tests.ui.helpers import click


def test_paste_the_sample_correct_its_date_and_import(qtbot, make_window, library: Library) -> None:
    window = make_window(library)
    text = SAMPLE.read_text("utf-8")
    dialog = paste_article(window, text)
    assert dialog.title.text().startswith("Chinese artificial intelligence start-up SenseTime")
    assert dialog.outlet.text() == "AFP"
    assert dialog.date.text() == "14 Dec"
    assert "without a year" in dialog.found.text()

    dialog.title.clear()
    qtbot.keyClicks(dialog.title, "SenseTime postpones IPO")
    dialog.date.clear()
    qtbot.keyClicks(dialog.date, "2021-12-14")
    dialog.text.appendPlainText("")  # a later proposal leaves typed fields alone
    dialog.propose()
    assert dialog.title.text() == "SenseTime postpones IPO"
    click(qtbot, dialog.ok)

    qtbot.waitUntil(lambda: window.last_paste_op is not None)
    with qtbot.waitSignal(window.last_paste_op.finished, timeout=10_000):
        pass
    (summary,) = library.articles.list()
    article = library.articles.get(summary.id)
    assert (article.title, article.outlet, article.agency, article.date.iso()) == (
        "SenseTime postpones IPO",
        "AFP",
        "AFP",
        "2021-12-14",
    )
    assert article.dateline == "HONG KONG"
    assert window.reader.article_id == article.id


def test_an_empty_paste_or_a_bad_date_stays_in_the_dialog(
    qtbot, make_window, library: Library
) -> None:
    window = make_window(library)
    dialog = paste_article(window, "")
    dialog.accept()
    assert dialog.isVisible() and "Paste the article" in dialog.error.text()
    dialog.text.setPlainText("Some text of an article. Another sentence.")
    qtbot.keyClicks(dialog.date, "the other day")
    dialog.accept()
    assert dialog.isVisible() and "cannot read the date" in dialog.error.text()
    assert library.articles.count() == 0
    assert window.last_paste_op is None
