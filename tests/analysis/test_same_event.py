"""One real event, however many reports: grouping, and what the analyses count of it.

Stores are built document by document (``write_store`` on the same path), each write
regrouping the kinds of event it touches, as ``detente run`` does batch after batch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from pathlib import Path

import pytest

from detente.analysis import dyad_history, relations, structural_balance
from detente.config import AnalysisSettings
from detente.store import Store
from detente.store.event_groups import GroupingRules, Report, group_reports
from tests.analysis.builders import event, write_store

AM, AZ, GE, TR, RU = "armenia", "azerbaijan", "georgia", "turkey", "russia"


def _events(db: Path) -> list[tuple[str, int, int]]:
    with Store.open(db, read_only=True) as store:
        rows = store.fetch(
            "SELECT coalesce(g.group_id, e.id), count(*), count(DISTINCT e.doc_id) "
            "FROM events e LEFT JOIN event_groups g ON g.event_id = e.id GROUP BY 1 ORDER BY 1"
        )
    return [(r[0], int(r[1]), int(r[2])) for r in rows]


def test_two_documents_reporting_one_attack_count_it_once(
    tmp_path: Path, settings: AnalysisSettings
) -> None:
    db = tmp_path / "wire.duckdb"
    attack = dict(intensity=-9.0)
    write_store(
        db,
        [
            event(
                AZ,
                "ASSAULT",
                AM,
                "2023-09-19",
                text="Azerbaijani forces shelled Armenian posts.",
                **attack,
            )
        ],
        published="2023-09-20",
    )
    write_store(
        db,
        [
            event(
                AZ,
                "ASSAULT",
                AM,
                "2023-09-20",  # "yesterday", read against a later date: within tolerance
                modality="reported",
                text="Armenia said Azerbaijani troops had attacked its positions.",
                **attack,
            )
        ],
        published="2023-09-21",
    )
    assert [(n, docs) for _, n, docs in _events(db)] == [(2, 2)]
    with Store.open(db, read_only=True) as store:
        history = dyad_history(store, AM, AZ, settings=settings)
        [period] = history.periods
        assert period.events == 1 and period.reports == 2
        assert period.net == pytest.approx(-9.0)  # the asserted report speaks, once
        assert period.evidence[0].reports == 2 and period.evidence[0].documents == 2
        assert period.evidence[0].modality == "asserted"
        graph = relations(store, half_life_days=float("inf"), settings=settings)
        [edge] = graph.edges
        assert (edge.events, edge.reports) == (1, 2)
        assert edge.weight == pytest.approx(-9.0)


def test_a_background_recall_merges_with_the_event_it_recalls(
    tmp_path: Path, settings: AnalysisSettings
) -> None:
    db = tmp_path / "recall.duckdb"
    write_store(
        db,
        [
            event(
                AZ, "SANCTION", AM, "2016-04-02", intensity=-4.0, text="Baku cut ties on Saturday."
            )
        ],
        published="2016-04-03",
    )
    write_store(
        db,
        [
            event(
                AZ,
                "SANCTION",
                AM,
                "2016-01-01",
                "2016-12-31",
                intensity=-4.0,
                precision="year",
                text="Ties were severed in 2016.",
            ),
            event(  # another act of another year: an event of its own
                AZ,
                "SANCTION",
                AM,
                "2019-01-01",
                "2019-12-31",
                intensity=-4.0,
                precision="year",
                text="They were cut again in 2019.",
            ),
        ],
        published="2024-06-01",
    )
    assert sorted((n, docs) for _, n, docs in _events(db)) == [(1, 1), (2, 2)]
    with Store.open(db, read_only=True) as store:
        history = dyad_history(store, AM, AZ, settings=settings)
        by_label = {p.label: p for p in history.periods}
        # the event keeps its finest time: a day of 2016, not the whole year
        assert by_label["2016"].events == 1 and by_label["2016"].net == pytest.approx(-4.0)
        assert history.evidence[0].time_start == dt.date(2016, 4, 2)
        # 2019 rests on one background mention: no period, listed apart
        assert "2019" not in by_label
        assert [p.label for p in history.background_only] == ["2019"]


def test_a_span_statement_counts_once_over_its_span(
    tmp_path: Path, settings: AnalysisSettings
) -> None:
    db = write_store(
        tmp_path / "span.duckdb",
        [
            event(
                AM,
                "RELATION",
                AZ,
                "2015-01-01",
                "2024-12-31",
                polarity=-1,
                text="The first fatal clash since 2015 ended a decade of hostility.",
            ),
            event(AZ, "ASSAULT", AM, "2024-05-01", intensity=-9.0, origin="document"),
        ],
        published="2024-06-01",
    )
    with Store.open(db, read_only=True) as store:
        history = dyad_history(store, AM, AZ, settings=settings)
        assert len(history.periods) == 10
        # −3 shared among ten years: the whole span weighs −3, as one event
        assert sum(p.net for p in history.periods) == pytest.approx(-3.0 - 9.0)
        assert history.periods[0].net == pytest.approx(-0.3)
        by_decade = dyad_history(store, AM, AZ, by="decade", settings=settings)
        assert sum(p.net for p in by_decade.periods) == pytest.approx(-12.0)
        graph = relations(store, half_life_days=float("inf"), settings=settings)
        assert graph.edges[0].events == 2


def test_a_single_background_mention_makes_no_period(
    tmp_path: Path, settings: AnalysisSettings
) -> None:
    db = write_store(
        tmp_path / "thin.duckdb",
        [
            event(AZ, "ASSAULT", AM, "1992-05-01", intensity=-9.0),  # one recalled act
            event(AZ, "ASSAULT", AM, "2001-03-01", intensity=-9.0),
            event(AZ, "ACCUSE", AM, "2001-05-01", intensity=-2.0),
            event(AM, "CONSULT", AZ, "2024-05-20", intensity=2.0, origin="document"),
        ],
        published="2024-06-01",
    )
    with Store.open(db, read_only=True) as store:
        history = dyad_history(store, AM, AZ, settings=settings)
        assert [p.label for p in history.periods] == ["2001", "2024"]  # two recalls make 2001
        assert [p.label for p in history.background_only] == ["1992"]
        assert not history.summary.startswith("hostile in 1992")
        payload = history.as_json()
        assert payload["background_only"][0]["background_reports"] == 1
        lenient = dataclasses.replace(settings, period_min_background_reports=1)
        assert "1992" in [p.label for p in dyad_history(store, AM, AZ, settings=lenient).periods]


def test_a_relation_statement_covering_a_period_is_its_own_evidence(
    tmp_path: Path, settings: AnalysisSettings
) -> None:
    db = write_store(
        tmp_path / "state.duckdb",
        [event(AM, "RELATION", AZ, "1990-01-01", "1999-12-31", polarity=-1, precision="decade")],
        published="2024-06-01",
    )
    with Store.open(db, read_only=True) as store:
        history = dyad_history(store, AM, AZ, by="decade", settings=settings)
        assert [p.label for p in history.periods] == ["1990s"]
        assert history.summary == "hostile in the 1990s"


def test_a_balance_inference_needs_evidence_on_both_legs(
    tmp_path: Path, settings: AnalysisSettings
) -> None:
    specs = [
        # Georgia–Turkey and Turkey–Azerbaijan: two events on each leg
        event(GE, "COOPERATE", TR, "2024-01-01", intensity=6.0),
        event(TR, "AID", GE, "2024-02-01", intensity=7.0),
        event(TR, "COOPERATE", AZ, "2024-01-05", intensity=6.0),
        event(AZ, "AGREE", TR, "2024-02-05", intensity=4.0),
        # Russia–Turkey two events, Russia–Armenia only one: Armenia–Turkey has a thin leg
        event(RU, "ASSAULT", TR, "2024-01-07", intensity=-9.0),
        event(RU, "THREATEN", TR, "2024-02-07", intensity=-5.0),
        event(RU, "ACCUSE", AM, "2024-03-01", intensity=-2.0),
    ]
    db = write_store(tmp_path / "legs.duckdb", specs, published="2024-03-02")
    # a copy of the Russia–Armenia accusation in another document adds a report, not an event
    write_store(db, [event(RU, "ACCUSE", AM, "2024-03-01", intensity=-2.0)], published="2024-03-03")
    with Store.open(db, read_only=True) as store:
        result = structural_balance(store, half_life_days=float("inf"), settings=settings)
        pairs = {frozenset((i["a"]["id"], i["b"]["id"])): i for i in result.as_json()["inferences"]}
        inference = pairs[frozenset((GE, AZ))]
        assert inference["sign"] == 1
        [path] = inference["paths"]
        assert path["via"]["id"] == TR
        assert [leg["events"] for leg in path["legs"]] == [2, 2]
        assert frozenset((AM, TR)) not in pairs  # Russia–Armenia rests on one event
        lenient = dataclasses.replace(settings, inference_min_events=1)
        loose = structural_balance(store, half_life_days=float("inf"), settings=lenient).as_json()
        assert frozenset((AM, TR)) in {
            frozenset((i["a"]["id"], i["b"]["id"])) for i in loose["inferences"]
        }


def _report(n: int, start: str, end: str | None = None, **kw: object) -> Report:
    fields: dict[str, object] = dict(
        id=f"r{n:02d}",
        source_id=AZ,
        target_id=AM,
        type="ASSAULT",
        polarity=-1,
        modality="asserted",
        hedged=False,
        time_start=dt.date.fromisoformat(start),
        time_end=dt.date.fromisoformat(end or start),
        confidence=0.5,
    )
    fields.update(kw)
    return Report(**fields)  # type: ignore[arg-type]


def test_the_grouping_is_independent_of_order_and_does_not_chain() -> None:
    rules = GroupingRules({"asserted": "occurred", "reported": "occurred"}, tolerance_days=1)
    reports = [
        _report(1, "2023-03-01"),
        _report(2, "2023-03-02", modality="reported"),
        _report(3, "2023-08-15"),  # another attack that year
        _report(4, "2023-01-01", "2023-12-31"),  # "in 2023": joins one of them, bridges none
        _report(5, "2023-03-01", modality="negated"),  # a denial is not the act
        _report(6, "2023-03-01", target_id=GE),
    ]
    first = group_reports(reports, rules)
    shuffled = list(reports)
    random.Random(7).shuffle(shuffled)
    assert [(g.id, [m.id for m in g.members]) for g in group_reports(shuffled, rules)] == [
        (g.id, [m.id for m in g.members]) for g in first
    ]
    members = sorted(sorted(m.id for m in g.members) for g in first)
    assert members == [["r01", "r02", "r04"], ["r03"], ["r05"], ["r06"]]
    merged = next(g for g in first if len(g.members) == 3)
    assert merged.members[0].id == "r01"  # asserted speaks before reported
    assert (merged.time_start, merged.time_end) == (dt.date(2023, 3, 1), dt.date(2023, 3, 1))
    assert merged.id.startswith("g")  # a hash of its members' ids; a lone report keeps its own
    assert {g.id for g in first if len(g.members) == 1} == {"r03", "r05", "r06"}


def test_events_merged_shows_each_event_once_with_its_reports(tmp_path: Path) -> None:
    from tests.support import run_cli

    db = tmp_path / "cli.duckdb"
    write_store(db, [event(AZ, "ASSAULT", AM, "2023-09-19", text="Baku's guns fired.")])
    write_store(db, [event(AZ, "ASSAULT", AM, "2023-09-19", text="Shelling was reported.")])
    result = run_cli("--db", db, "events", "--merged", "--json")
    assert result.returncode == 0, result.stderr
    [merged] = json.loads(result.stdout)["events"]
    assert merged["documents"] == 2
    assert sorted(r["text"] for r in merged["reports"]) == [
        "Baku's guns fired.",
        "Shelling was reported.",
    ]
    plain = json.loads(run_cli("--db", db, "events", "--json").stdout)["events"]
    assert len(plain) == 2 and "reports" not in plain[0]


def test_reciprocal_reports_in_either_order_are_one_event(tmp_path: Path) -> None:
    """A reciprocal report keeps its text's order ("Armenia and Azerbaijan met" and
    "Azerbaijan and Armenia met"), so the pair is compared unordered; a one-way act is not."""
    rules = GroupingRules({"asserted": "occurred"}, tolerance_days=1)
    met = dict(type="CONSULT", polarity=1, reciprocal=True)
    reports = [
        _report(1, "2023-05-01", **met),
        _report(2, "2023-05-01", source_id=AM, target_id=AZ, **met),
        _report(3, "2023-05-01"),
        _report(4, "2023-05-01", source_id=AM, target_id=AZ),
    ]
    members = sorted(sorted(m.id for m in g.members) for g in group_reports(reports, rules))
    assert members == [["r01", "r02"], ["r03"], ["r04"]]

    db = tmp_path / "met.duckdb"
    write_store(db, [event(AZ, "CONSULT", AM, "2023-05-01", reciprocal=True, polarity=1)])
    write_store(db, [event(AM, "CONSULT", AZ, "2023-05-01", reciprocal=True, polarity=1)])
    from tests.support import run_cli

    result = run_cli("--db", db, "events", "--merged", "--json")
    assert result.returncode == 0, result.stderr
    [merged] = json.loads(result.stdout)["events"]
    assert merged["documents"] == 2
