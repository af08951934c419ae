"""What a drag into the briefing tree carries: item ids (a move) or claim ids (an addition).

Ids, not rows or pickled objects: a drag may cross windows and outlive the model it started
from. Any pane that lists claims (annotation panel, search results, claims table) can start
a drag with `claims_mime_data(ids)` and the workspace's tree accepts it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QMimeData

ITEMS_MIME = "application/x-briefing-item-ids"
CLAIMS_MIME = "application/x-briefing-claim-ids"


def mime_data(kind: str, ids: Iterable[int], text: str = "") -> QMimeData:
    data = QMimeData()
    data.setData(kind, QByteArray(json.dumps([int(i) for i in ids]).encode("ascii")))
    if text:
        data.setText(text)
    return data


def claims_mime_data(claim_ids: Iterable[int], text: str = "") -> QMimeData:
    """For other panes: a drag of these claims, droppable on a briefing's tree."""
    return mime_data(CLAIMS_MIME, claim_ids, text)


def ids_in(data: QMimeData, kind: str) -> list[int]:
    """The ids a drag carries; [] for anything else or anything damaged."""
    if not data.hasFormat(kind):
        return []
    try:
        ids = json.loads(bytes(data.data(kind).data()).decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return []
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        return []
    return ids
