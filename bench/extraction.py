"""HTML extraction quality: token F1 of our HTML import against the corpus's ground truth.

    .venv/bin/python bench/extraction.py [--jobs 2]

For each page in the corpus's html/ folder that has an `articleBody` in ground-truth.json, the
page is decoded as the import decodes it (`decoding.decode(data, html=True)`) and run through
our HTML import path (`importing.html.parse_html`). The score is token-level F1: tokens are
whitespace-split words, lowercased; precision and recall count the multiset overlap
(collections.Counter). A page with no text extracted scores 0.

Also runs `trafilatura.bare_extraction` directly with a few settings (its defaults, the
defaults with one option changed, and parse_html's own options plus favor_precision=True) so
settings can be chosen with evidence. Prints mean
precision, recall and F1 for each, our five worst pages, and the time taken.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter
from multiprocessing import Pool

import trafilatura
from _common import CORPUS_HTML

from briefing.core.importing.decoding import decode
from briefing.core.importing.html import TRAFILATURA_OPTIONS, NoArticleText, parse_html

OURS = "ours: parse_html"
# Options passed to trafilatura.bare_extraction: its defaults, the defaults with one option
# changed, and parse_html's options without favor_precision (the previous choice).
ALTERNATIVES = {
    "trafilatura defaults": {},
    "favor_recall=True": {"favor_recall": True},
    "favor_precision=True": {"favor_precision": True},
    "include_tables=False": {"include_tables": False},
    "ours without favor_precision": {**TRAFILATURA_OPTIONS, "favor_precision": False},
}


def scores(predicted: str, truth: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the predicted tokens against the true ones."""
    got, want = Counter(predicted.lower().split()), Counter(truth.lower().split())
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision = overlap / sum(got.values())
    recall = overlap / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def ours(page: str) -> str:
    try:
        return parse_html(page).text
    except NoArticleText:
        return ""


def alternative(page: str, options: dict[str, bool]) -> str:
    document = trafilatura.bare_extraction(page, **options)
    return (document.text or "") if document is not None else ""


def evaluate(item: tuple[str, str]) -> tuple[str, dict[str, tuple[float, float, float, float]]]:
    """One page: {setting: (precision, recall, F1, seconds)}."""
    name, truth = item
    page = decode((CORPUS_HTML / name).read_bytes(), html=True)
    results = {}
    runs = [(OURS, lambda: ours(page))] + [
        (label, lambda options=options: alternative(page, options))
        for label, options in ALTERNATIVES.items()
    ]
    for label, run in runs:
        started = time.perf_counter()
        text = run()
        results[label] = (*scores(text, truth), time.perf_counter() - started)
    return name, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    args = parser.parse_args()
    truth = json.loads((CORPUS_HTML / "ground-truth.json").read_text("utf-8"))
    items = sorted(
        (name, entry["articleBody"])
        for name, entry in truth.items()
        if entry.get("articleBody") and (CORPUS_HTML / name).exists()
    )
    started = time.perf_counter()
    with Pool(args.jobs) as pool:
        pages = dict(pool.imap_unordered(evaluate, items, chunksize=1))
    elapsed = time.perf_counter() - started

    print(f"{len(pages)} pages with ground truth, {args.jobs} processes, {elapsed:.1f} s")
    print(f"{'setting':<24} {'precision':>9} {'recall':>7} {'F1':>6} {'F1=0':>5} {'cpu s':>6}")
    for label in [OURS, *ALTERNATIVES]:
        values = [results[label] for results in pages.values()]
        precision, recall, f1 = (statistics.mean(v[i] for v in values) for i in range(3))
        empty = sum(1 for v in values if v[2] == 0)
        seconds = sum(v[3] for v in values)
        print(f"{label:<24} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f} {empty:>5} {seconds:>6.1f}")

    worst = sorted(pages.items(), key=lambda item: item[1][OURS][2])[:5]
    print("worst five for ours (file, F1, precision, recall):")
    for name, results in worst:
        precision, recall, f1, _ = results[OURS]
        print(f"  {name:<48} {f1:.3f}  P {precision:.3f}  R {recall:.3f}")


if __name__ == "__main__":
    main()
