"""The pipeline end to end through the library: parallel extraction equals serial."""

from __future__ import annotations

import gc
from pathlib import Path

from detente.config import load_settings
from detente.pipeline import _collection_paused, _loaded_objects_frozen, run
from detente.store import Store
from tests.support import EXAMPLES


def _events(db: Path, workers: int) -> set[tuple[object, ...]]:
    settings = load_settings({"pipeline.workers": workers, "store.batch_size": 3})
    with Store.open(db) as store:
        report = run(store, [str(EXAMPLES / "corpus")], settings=settings)
        assert report.extraction.documents == 8
        assert store.integrity_problems() == []
        rows = store.query_events()
    return {(r["id"], r["type"], r["source_id"], r["target_id"], r["modality"]) for r in rows}


def test_two_workers_extract_what_one_does(tmp_path: Path) -> None:
    serial = _events(tmp_path / "one.duckdb", 1)
    parallel = _events(tmp_path / "two.duckdb", 2)
    assert serial and serial == parallel


def test_extraction_leaves_garbage_collection_as_it_found_it(tmp_path: Path) -> None:
    """Loading pauses collection and extracting freezes what was loaded; neither outlasts the
    run, and a caller's own frozen objects stay frozen."""
    assert gc.isenabled() and gc.get_freeze_count() == 0
    _events(tmp_path / "one.duckdb", 1)
    assert gc.isenabled() and gc.get_freeze_count() == 0

    gc.disable()
    try:
        with _collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()

    gc.freeze()
    frozen = gc.get_freeze_count()
    try:
        # A frozen object can still die (its count drops to zero), so the count may fall by
        # a few; unfreezing the caller's objects would drop it to nothing.
        with _loaded_objects_frozen():
            assert frozen - 1000 < gc.get_freeze_count() <= frozen
        assert frozen - 1000 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
