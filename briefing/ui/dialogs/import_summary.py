"""What an import did, file by file: imported, duplicate (of which article), failed (why).

After calibre's Adder report: a batch never stops on a bad file, so the reasons are shown
together at the end, where the reader can act on them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from briefing.core import ImportResult

FIRST = {"failed": 0, "duplicate": 1, "imported": 2}  # the report's order, file order within


def summary_line(results: list[ImportResult]) -> str:
    counts = {status: 0 for status in ("imported", "duplicate", "failed")}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    parts = [f"{counts['imported']} imported"]
    if counts["duplicate"]:
        parts.append(f"{counts['duplicate']} already in the library")
    if counts["failed"]:
        parts.append(f"{counts['failed']} failed")
    return ", ".join(parts)


class ImportSummary(QDialog):
    def __init__(self, results: list[ImportResult], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import finished")
        self.setAccessibleName("Import summary")
        self.results = results
        heading = QLabel(summary_line(results).capitalize() + ".", self)
        heading.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["Result", "File", "Details"])
        self.table.setAccessibleName("Files imported")
        # What needs the reader first: a failed file, then one already there, then the
        # imported (a report of 200 files buried its 2 duplicates among 198 imported rows).
        for result in sorted(results, key=lambda r: FIRST.get(r.status, len(FIRST))):
            if result.status == "failed":
                details = result.reason or ""
            elif result.status == "duplicate":
                details = f"same text as article {result.id}" + (
                    f": {result.title}" if result.title else ""
                )
            else:
                details = result.title or ""
            item = QTreeWidgetItem([result.status, Path(result.path).name, details])
            item.setToolTip(1, result.path)
            item.setToolTip(2, details)
            self.table.addTopLevelItem(item)
        for column in range(3):
            self.table.resizeColumnToContents(column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 320)
