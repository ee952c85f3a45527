"""`detente report`: one self-contained file whose data cannot turn into markup."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from detente.views.html import embed_json, render_report, static_text
from tests.views.conftest import HOSTILE_LINK, HOSTILE_MARKUP, HOSTILE_SCRIPT, HOSTILE_TITLE, cli

DATA = re.compile(r'<script type="application/json" id="detente-data">(.*?)</script>', re.S)


def embedded(html: str) -> dict[str, Any]:
    match = DATA.search(html)
    assert match, "the report embeds its data"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_report_is_self_contained(report_file: Path) -> None:
    html = report_file.read_text(encoding="utf-8")
    assert "<script src" not in html and "<link" not in html and "@import" not in html
    assert "window.cytoscape" in html or "cytoscape" in html
    data = embedded(html)
    assert data["mode"] == "report"
    ids = {n["id"] for n in data["network"]["nodes"]}
    assert {"iran", "taliban", "isis-k", "tajikistan"} <= ids
    assert data["network"]["edges"] and data["events"] and data["dyads"]
    assert {"balance_ratio", "triads"} <= set(data["balance"])


def test_policy_lists_exactly_the_inline_scripts(report_file: Path) -> None:
    html = report_file.read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy and "default-src 'none'" in policy.group(1)
    allowed = set(re.findall(r"'sha256-([^']+)'", policy.group(1)))
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    digests = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
    assert scripts and digests == allowed


def test_hostile_text_stays_data(report_file: Path) -> None:
    html = report_file.read_text(encoding="utf-8")
    # outside the page's own <script> elements, no document text can open a tag
    for fragment in (HOSTILE_MARKUP, HOSTILE_SCRIPT, HOSTILE_LINK, HOSTILE_TITLE):
        assert fragment not in html
    assert html.count("</script>") == html.count("<script")
    data = embedded(html)
    texts = [e["text"] for e in data["events"]]
    assert any(HOSTILE_MARKUP in t and HOSTILE_SCRIPT in t for t in texts), "kept, as text"
    assert HOSTILE_TITLE in [d["title"] for d in data["documents"].values()]


def test_embed_json_cannot_close_the_element() -> None:
    text = embed_json({"x": "</script><script>alert(1)</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script><!-- & \u2028"}


def test_title_is_escaped() -> None:
    html = render_report(
        {"counts": {}, "network": {"nodes": [], "edges": []}}, title="<b>x</b> & y"
    )
    assert "<title>&lt;b&gt;x&lt;/b&gt; &amp; y</title>" in html


def test_report_filters(views_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "recent.html"
    result = cli(
        "--db", views_store, "report", "-o", out, "--actor", "Tehran", "--since", "2024-01-01"
    )
    assert result.returncode == 0, result.stderr
    data = embedded(out.read_text(encoding="utf-8"))
    assert data["filters"]["actor"] == "iran" and data["filters"]["since"] == "2024-01-01"
    assert all("iran" in (e["source"], e["target"]) for e in data["events"])
    assert all((e["end"] or e["start"]) >= "2024-01-01" for e in data["events"])
    assert all("iran" in (edge["a"], edge["b"]) for edge in data["network"]["edges"])


def test_report_needs_a_store(tmp_path: Path) -> None:
    result = cli("--db", tmp_path / "none.duckdb", "report", "-o", tmp_path / "r.html")
    assert result.returncode == 1 and "[E200]" in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_views_script_builds_no_markup_from_strings() -> None:
    script = static_text("views.js")
    for sink in (r"\.innerHTML\s*=", r"\.outerHTML\s*=", r"insertAdjacentHTML", r"document\.write"):
        assert not re.search(sink, script), sink
    assert "</script" not in script and "</script" not in static_text("cytoscape.min.js")


def test_each_timeline_carries_the_drivers_of_its_pair(report_file: Path) -> None:
    data = embedded(report_file.read_text(encoding="utf-8"))
    assert data["dyads"]
    for dyad in data["dyads"]:
        assert isinstance(dyad["drivers"], list)
        for driver in dyad["drivers"]:
            pair = {dyad["a"]["id"], dyad["b"]["id"]}
            assert {driver["actor"]["id"], driver["toward"]["id"]} == pair
            assert driver["text"] and driver["context"] and driver["kind"]


def test_an_event_reported_three_times_is_one_row_with_its_reports(
    repeated_report: Path,
) -> None:
    data = embedded(repeated_report.read_text(encoding="utf-8"))
    assert data["counts"]["events"] == 2 and data["counts"]["reports"] == 4
    by_type = {e["type"]: e for e in data["events"]}
    signing, attack = by_type["SUPPORT"], by_type["ASSAULT"]
    assert len(attack["reports"]) == 1 and attack["documents"] == 1
    assert signing["documents"] == 3
    titles = [data["documents"][r["document"]]["title"] for r in signing["reports"]]
    assert sorted(titles) == [
        "A second wire on the deal",
        "A year after the deal",
        "Peace deal signed",
    ]
    # the speaking report comes first and is the event's own sentence; each report keeps its
    # document's date and its own sentence
    assert signing["reports"][0]["text"] == signing["text"]
    recall = next(r for r in signing["reports"] if r["published"] == "2025-05-02")
    assert recall["text"].startswith("Armenia and Azerbaijan signed a peace agreement in 2024")
    assert signing["start"] == "2024-05-02"  # the event's time: its finest report's day
