"""Text the extractor cannot use is skipped and counted, never a crash (issue: bad input)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import run_cli


def test_odd_text_is_skipped_and_counted(tmp_path: Path) -> None:
    run_on = " ".join(["Peru and Chile signed a treaty and then Bolivia attacked Peru"] * 450)
    table = " | ".join(f"Peru {n} | Chile {n * 3} | {1990 + n % 30}" for n in range(600))
    german = "Die Regierung in Lima lehnte den Vorschlag aus Santiago gestern ab."
    (tmp_path / "odd.txt").write_text(
        "Odd inputs\n\n"
        f"{run_on}.\n\n"
        f"{table}\n\n"
        f"{german}\n\n"
        "The weather was mild and the harvest was good.\n\n"
        "Peru expelled the Chilean ambassador on Monday.\n",
        encoding="utf-8",
    )
    db = tmp_path / "odd.duckdb"
    result = run_cli("--db", db, "run", tmp_path / "odd.txt", "--published", "2024-05-02")
    assert result.returncode == 0, result.stderr
    assert "longer than 150 words" in result.stdout
    assert "no actor" in result.stdout
    events = json.loads(run_cli("--db", db, "events", "--json").stdout)["events"]
    # The one ordinary sentence still yields its event.
    assert any(
        e["source"]["id"] == "peru" and e["target"]["id"] == "chile" and e["type"] == "SANCTION"
        for e in events
    )
