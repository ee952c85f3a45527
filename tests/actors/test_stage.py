"""The actors stage over a real store: mentions, actor records, provisional actors, reruns."""

from __future__ import annotations

from pathlib import Path

from detente.config import load_settings
from detente.pipeline import extract, ingest
from detente.store import Store


def test_unknown_organisations_become_provisional_actors(tmp_path: Path, db: Path) -> None:
    article = tmp_path / "ambush.txt"
    article.write_text(
        "Ambush near Khorog\n\n"
        "The Pamir Liberation Army claimed the attack on a Tajik convoy near Khorog in 2024. "
        "Tajik authorities blamed the group and arrested five men.\n"
    )
    with Store.open(db) as store:
        ingest(store, [str(article)])
        settings = load_settings({"actors.propose_unknown": True})
        assert extract(store, settings=settings).documents == 1
        actors = store.actor_records()
        assert actors["new-pamir-liberation-army"].provisional is True
        assert actors["tajikistan"].provisional is False
        doc_id = store.documents()[0].id
        resolutions = {(m.text, m.actor_id, m.resolution) for m in store.mentions(doc_id)}
        assert ("Tajik authorities", "tajikistan", "role") in resolutions
        assert ("Khorog", None, "ner") not in resolutions  # a place is no organisation
        # A second run has nothing left to do; a rerun never duplicates mentions.
        before = store.count("mentions")
        assert extract(store, settings=settings).documents == 0
        assert store.count("mentions") == before
