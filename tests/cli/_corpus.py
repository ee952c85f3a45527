"""A small news corpus written for the lifecycle tests: as many documents as a test needs,
each a different mix of the sentences below, so that extraction has real work to do."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

PAIRS = [
    ("Iran", "Tajikistan"),
    ("Azerbaijan", "Armenia"),
    ("Turkey", "Greece"),
    ("India", "Pakistan"),
    ("Japan", "China"),
    ("Russia", "Ukraine"),
    ("Egypt", "Ethiopia"),
    ("Kenya", "Somalia"),
]

SENTENCES = [
    "{a} accused {b} of shelling three border villages on {day}.",
    "The foreign minister of {a} met officials from {b} in the capital on {day}.",
    "{a} signed a trade agreement with {b} after two days of talks.",
    "{a} sent humanitarian aid to {b} after the floods destroyed several bridges.",
    "{a} threatened to impose sanctions on {b} over the detention of its diplomats.",
    "Officials in {a} said that talks with {b} would resume next month.",
    "{a} condemned the missile test carried out by {b} near the coast.",
    "{a} and {b} held joint military exercises close to the shared border.",
    "{b} rejected the demands made by {a} during the summit.",
    "The government of {a} praised {b} for releasing the detained journalists.",
    "Troops from {a} attacked positions held by {b} forces overnight.",
    "{b} expelled two diplomats from {a} on {day}.",
]


def write_corpus(folder: Path, documents: int, sentences: int = 12) -> Path:
    """``documents`` news items in one JSONL file under ``folder``; returns the file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "wire.jsonl"
    start = dt.date(2023, 1, 2)
    with path.open("w", encoding="utf-8") as out:
        for number in range(documents):
            day = start + dt.timedelta(days=number)
            a, b = PAIRS[number % len(PAIRS)]
            if number % 2:
                a, b = b, a
            chosen = [SENTENCES[(number + step * 5) % len(SENTENCES)] for step in range(sentences)]
            text = " ".join(s.format(a=a, b=b, day=day.strftime("%A")) for s in chosen)
            record = {
                "title": f"{a} and {b}: dispatch {number + 1}",
                "published": day.isoformat(),
                "source": "lifecycle wire",
                "text": f"{text}\n\nDispatch {number + 1} of the regional desk.",
            }
            out.write(json.dumps(record) + "\n")
    return path
