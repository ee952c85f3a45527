"""Dyad histories on stores of hand-made events: counts, net scores, spans, changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from detente.analysis import dyad_history
from detente.config import AnalysisSettings
from detente.errors import AnalysisError, SameActor
from detente.store import Store
from tests.analysis.builders import event, write_store

KZ, KG, UZ = "kazakhstan", "kyrgyzstan", "uzbekistan"


@pytest.fixture
def settings(settings: AnalysisSettings) -> AnalysisSettings:
    """Every event here is recalled by a 2024 document; these tests count and weigh, so a
    lone background mention may make a period (``test_same_event.py`` tests that rule)."""
    return dataclasses.replace(settings, period_min_background_reports=1)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    db = write_store(
        tmp_path / "dyad.duckdb",
        [
            # 1995: an assault and a reported accusation, in both directions
            event(
                KZ,
                "ASSAULT",
                KG,
                "1995-03-02",
                intensity=-9.3,
                text="Kazakh troops shelled a Kyrgyz border post in March 1995.",
            ),
            event(
                KG,
                "ACCUSE",
                KZ,
                "1995-05-10",
                intensity=-2.0,
                modality="reported",
                text="Bishkek reportedly accused Astana of the shelling.",
            ),
            # a relation-state statement over the whole decade
            event(
                KZ,
                "RELATION",
                KG,
                "1990-01-01",
                "1999-12-31",
                polarity=-1,
                text="Throughout the 1990s relations between the two were cold.",
            ),
            # 2021: cooperation, and recognition that did not happen
            event(
                KZ,
                "COOPERATE",
                KG,
                "2021-04-01",
                intensity=6.8,
                text="Kazakhstan and Kyrgyzstan opened a joint power line in 2021.",
            ),
            event(
                KG,
                "SUPPORT",
                KZ,
                "2021-09-01",
                intensity=4.6,
                modality="negated",
                text="Kyrgyzstan did not endorse the Kazakh proposal.",
            ),
            event(
                KZ,
                "RELATION",
                KG,
                "2022-01-01",
                "2023-12-31",
                polarity=1,
                text="In 2022 and 2023 the two neighbours kept warm ties.",
            ),
            # not this dyad
            event(
                KZ,
                "ASSAULT",
                UZ,
                "2021-01-01",
                intensity=-9.3,
                text="An unrelated clash with Uzbekistan.",
            ),
            event(
                KZ,
                "ASSAULT",
                None,
                "2021-01-01",
                intensity=-9.3,
                text="Kazakhstan attacked an unnamed group.",
            ),
            # undated
            event(
                KG,
                "CONSULT",
                KZ,
                None,
                intensity=2.1,
                text="Officials of both countries met at some point.",
            ),
        ],
    )
    with Store.open(db, read_only=True) as opened:
        yield opened


def test_counts_and_net_by_hand(store: Store, settings: AnalysisSettings) -> None:
    history = dyad_history(store, KZ, KG, settings=settings)
    by_label = {p.label: p for p in history.periods}
    p1995 = by_label["1995"]
    # −9.3 (asserted) + −2.0 × 0.5 (reported) + −3 / 10 (relation, its share of the 1990s)
    assert p1995.net == pytest.approx(-10.6)
    assert p1995.events == 3
    assert p1995.counts["material_conflict"] == 1
    assert p1995.counts["verbal_conflict"] == 1
    assert p1995.counts["relation_negative"] == 1
    p2021 = by_label["2021"]
    # +6.8, and a negated SUPPORT: −0.25 × 4.6, counted as negated, not as cooperation
    assert p2021.net == pytest.approx(6.8 - 1.15)
    assert p2021.counts["material_cooperation"] == 1
    assert p2021.counts["verbal_cooperation"] == 0
    assert p2021.counts["negated"] == 1
    assert by_label["2022"].net == pytest.approx(1.5)  # +3 shared by 2022 and 2023
    assert p1995.polarity == -1 and p2021.polarity == 1


def test_a_span_shares_its_weight_among_the_periods_it_overlaps(
    store: Store, settings: AnalysisSettings
) -> None:
    history = dyad_history(store, KZ, KG, settings=settings)
    labels = [p.label for p in history.periods]
    assert labels == [str(y) for y in range(1990, 2000)] + ["2021", "2022", "2023"]
    nineties = [p for p in history.periods if p.label.startswith("199") and p.label != "1995"]
    assert len(nineties) == 9 and all(p.net == pytest.approx(-0.3) for p in nineties)
    assert sum(p.net for p in history.periods if p.label.startswith("199")) == pytest.approx(-13.3)
    # listed once in the dyad's evidence, though it appears in ten periods
    relation_1990s = [e for e in history.evidence if e.time_start == dt.date(1990, 1, 1)]
    assert len(relation_1990s) == 1
    by_decade = dyad_history(store, KZ, KG, by="decade", settings=settings)
    assert [p.label for p in by_decade.periods] == ["1990s", "2020s"]
    assert by_decade.periods[0].events == 3
    assert by_decade.periods[0].net == pytest.approx(-13.3)  # the whole span in one period


def test_summary_changes_and_evidence(store: Store, settings: AnalysisSettings) -> None:
    history = dyad_history(store, KZ, KG, settings=settings)
    # the 1990s statement weighs −0.3 a year: only 1995, with its own acts, is hostile
    assert history.summary == (
        "neutral 1990–1994; hostile in 1995; neutral 1996–1999; cooperative 2021–2023"
    )
    assert history.change_method == "pelt"  # 13 non-empty periods
    assert [(c.before, c.after, c.from_sign, c.to_sign) for c in history.changes] == [
        ("1994", "1995", 0, -1),
        ("1995", "1996", -1, 1),
    ]
    strongest = history.periods[5].evidence[0]  # 1995
    assert strongest.text == "Kazakh troops shelled a Kyrgyz border post in March 1995."
    assert strongest.weight == pytest.approx(-9.3)
    assert (strongest.type, strongest.modality) == ("ASSAULT", "asserted")
    assert [e.weight for e in history.periods[5].evidence] == pytest.approx([-9.3, -1.0, -0.3])


def test_undated_events_are_apart(store: Store, settings: AnalysisSettings) -> None:
    history = dyad_history(store, KZ, KG, settings=settings)
    assert history.undated.events == 1
    assert history.undated.net == pytest.approx(2.1)
    assert history.undated.evidence[0].text == "Officials of both countries met at some point."
    assert all(p.label != "None" for p in history.periods)


def test_the_order_of_the_actors_does_not_matter(store: Store, settings: AnalysisSettings) -> None:
    one = dyad_history(store, KZ, KG, settings=settings).as_json()
    other = dyad_history(store, KG, KZ, settings=settings).as_json()
    assert one["periods"] == other["periods"]
    assert one["a"] == {"id": KZ, "name": "Kazakhstan"}


def test_month_periods_and_window(store: Store, settings: AnalysisSettings) -> None:
    months = dyad_history(
        store,
        KZ,
        KG,
        by="month",
        since=dt.date(2021, 1, 1),
        until=dt.date(2021, 12, 31),
        settings=settings,
    )
    assert [p.label for p in months.periods] == ["2021-04", "2021-09"]
    assert months.undated.events == 0  # a window leaves undated events out
    assert months.summary == "cooperative in April 2021; hostile in September 2021"
    assert months.change_method == "sign-run"


def test_json_shape(store: Store, settings: AnalysisSettings) -> None:
    payload = dyad_history(store, KZ, KG, settings=settings).as_json()
    assert {"a", "b", "periods", "changes", "summary", "evidence", "undated"} <= set(payload)
    period = payload["periods"][0]
    assert {"period", "start", "end", "events", "net", "polarity", "counts", "evidence"} <= set(
        period
    )
    item = period["evidence"][0]
    assert {"event", "type", "modality", "polarity", "text", "document", "sentence"} <= set(item)
    assert payload["changes"][0] == {
        "before": "1994",
        "after": "1995",
        "from": "neutral",
        "to": "hostile",
        "from_polarity": 0,
        "to_polarity": -1,
        "method": "pelt",
    }
    assert {"reports", "background_reports"} <= set(period)
    assert {"reports", "documents"} <= set(item) and payload["background_only"] == []


def test_no_events_between_them(store: Store, settings: AnalysisSettings) -> None:
    history = dyad_history(store, KG, UZ, settings=settings)
    assert history.periods == [] and history.changes == []
    assert history.summary == "no dated events between them"


def test_bad_questions(store: Store, settings: AnalysisSettings) -> None:
    with pytest.raises(SameActor):
        dyad_history(store, KZ, KZ, settings=settings)
    with pytest.raises(AnalysisError, match="cannot group by"):
        dyad_history(store, KZ, KG, by="week", settings=settings)  # type: ignore[arg-type]


def _mark_opinion(path: Path, text: str) -> None:
    """Declare the document holding ``text`` an opinion piece, as ingest does from its cues."""
    with Store.open(path) as store:
        store.fetch(
            "UPDATE documents SET genre = 'opinion' WHERE id IN "
            "(SELECT doc_id FROM sentences WHERE text = $text)",
            {"text": text},
        )


def test_each_period_and_event_says_what_it_rests_on(
    tmp_path: Path, settings: AnalysisSettings
) -> None:
    path = tmp_path / "basis.duckdb"
    # a news report of 2024, recalling a 2016 break (background: eight years before it)
    write_store(
        path,
        [
            event(KZ, "ACCUSE", KG, "2016-02-01", intensity=-4.0, text="Ties broke in 2016."),
            event(KZ, "COOPERATE", KG, "2024-05-01", intensity=6.8, text="A pact in May."),
        ],
        published="2024-06-01",
    )
    # an opinion column on 2023 talks, and another on the May pact that the report also tells
    opinion, again = "Columnist: the 2023 talks went well.", "The May pact, again."
    write_store(
        path,
        [event(KZ, "CONSULT", KG, "2023-03-01", intensity=2.0, text=opinion)],
        published="2023-06-01",
    )
    write_store(
        path,
        [event(KZ, "COOPERATE", KG, "2024-05-01", intensity=6.8, text=again)],
        published="2024-06-02",
    )
    _mark_opinion(path, again)
    _mark_opinion(path, opinion)
    with Store.open(path, read_only=True) as store:
        payload = dyad_history(store, KZ, KG, settings=settings).as_json()
    periods = {p["period"]: p for p in payload["periods"]}
    assert periods["2016"]["background_only"] and not periods["2016"]["opinion_only"]
    assert periods["2023"]["opinion_only"] and not periods["2023"]["background_only"]
    assert periods["2023"]["opinion_reports"] == periods["2023"]["reports"] == 1
    # the pact is told by the report too: one event of two reports, not opinion alone
    assert periods["2024"]["reports"] == 2 and periods["2024"]["opinion_reports"] == 1
    assert not periods["2024"]["opinion_only"] and not periods["2024"]["background_only"]
    evidence = {e["time"]["start"][:4]: e for e in payload["evidence"]}
    assert evidence["2016"]["background_only"] and not evidence["2024"]["background_only"]
    assert evidence["2023"]["opinion_only"] and not evidence["2024"]["opinion_only"]
    assert payload["summary_basis"] == {"background_only": False, "opinion_only": False}


def test_a_summary_resting_on_opinion_pieces_alone_says_so(tmp_path: Path) -> None:
    path = tmp_path / "opinion.duckdb"
    text = "Op-ed: the neighbours signed a pact in 2023."
    write_store(path, [event(KZ, "COOPERATE", KG, "2023-05-01", text=text)], published="2023-06-01")
    with Store.open(path, read_only=True) as store:
        before = dyad_history(store, KZ, KG).as_json()["summary_basis"]
    _mark_opinion(path, text)
    with Store.open(path, read_only=True) as store:
        after = dyad_history(store, KZ, KG).as_json()["summary_basis"]
    assert before == {"background_only": False, "opinion_only": False}
    assert after == {"background_only": False, "opinion_only": True}
