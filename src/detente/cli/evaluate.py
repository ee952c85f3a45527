"""`detente eval`: score extraction against gold files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli._common import fail_cleanly, print_json, settings_of, stdout
from detente.cli.docs import JsonOption
from detente.evaluation.actors import evaluate_actors
from detente.evaluation.gold import read_gold
from detente.pipeline import knowledge_base


def eval_command(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Argument(help="Gold file: PLOVER gold-standard records as JSONL.")],
    json: JsonOption = False,
) -> None:
    """Precision, recall and F1 of actor recognition (country, and country + sector).

    A gold actor counts as found when a mention detente resolves overlaps its span with the
    same country code (and sector); mentions outside gold spans are counted, not scored.
    """
    with fail_cleanly():
        kb = knowledge_base(settings_of(ctx))
        result = evaluate_actors(kb, read_gold(gold))
    if json:
        print_json({"gold": str(gold), "actors": result.as_json()})
        return
    stdout.print(f"{result.sentences} sentences from {gold}", markup=False)
    stdout.print(f"{'actors':<22}{'precision':>10}{'recall':>10}{'F1':>10}{'gold':>8}")
    for label, score in (("country", result.country), ("country + sector", result.country_sector)):
        stdout.print(
            f"{label:<22}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>10.3f}"
            f"{score.gold:>8}",
            markup=False,
        )
    stdout.print(
        f"{result.unlocated_gold} gold actors not found verbatim in their sentence (skipped); "
        f"{result.unscored_mentions} mentions outside gold spans (not scored)",
        markup=False,
    )
