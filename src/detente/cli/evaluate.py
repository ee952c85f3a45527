"""`detente eval`: score extraction against gold files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from detente.cli._common import fail_cleanly, print_json, settings_of, stdout
from detente.cli.docs import JsonOption

if TYPE_CHECKING:
    from detente.evaluation.actors import Score


def eval_command(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Argument(help="Gold file: PLOVER gold-standard records as JSONL.")],
    errors: Annotated[
        bool,
        typer.Option(
            "--errors", help="Also list each sentence whose type or country triples were missed."
        ),
    ] = False,
    json: JsonOption = False,
) -> None:
    """Precision, recall and F1 of actor recognition (country, and country + sector), of
    events (type, dyad, triple) and of PLOVER contexts (where gold events have a context).

    A gold actor counts as found when a mention detente resolves overlaps its span with the
    same country code (and sector); mentions outside gold spans are counted, not scored.
    """
    from detente.evaluation.actors import evaluate_actors
    from detente.evaluation.events import evaluate_events
    from detente.evaluation.gold import read_gold
    from detente.pipeline import load_extraction

    with fail_cleanly():
        extraction = load_extraction(settings_of(ctx))
        sentences = list(read_gold(gold))
        result = evaluate_actors(extraction.resolver, sentences)
        events = evaluate_events(extraction, sentences, extraction.kb)
    if json:
        report = events.as_json()
        if not errors:
            del report["errors"]
        print_json({"gold": str(gold), "actors": result.as_json(), "events": report})
        return
    if errors:
        for error in events.errors:
            mark = "" if error["type_correct"] else " [type]"
            stdout.print(f"{error['id']}{mark}: {error['text']}", markup=False)
            stdout.print(f"    gold:      {'; '.join(error['gold']) or '-'}", markup=False)
            stdout.print(f"    predicted: {'; '.join(error['predicted']) or '-'}", markup=False)
        stdout.print()
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
    stdout.print()
    stdout.print(
        f"event type accuracy      {events.type_accuracy:.3f}  "
        f"({events.type_correct} of {events.with_gold_event} sentences with a gold event)",
        markup=False,
    )
    stdout.print(
        f"  of the acts read       {events.type_accuracy_read:.3f}  "
        f"({events.type_correct_read}: kept, or not kept because the text names one side)",
        markup=False,
    )
    _print_scores(
        "events",
        [
            ("dyad (country)", events.dyad["country"]),
            ("dyad (+ sector)", events.dyad["sector"]),
            ("triple (country)", events.triple["country"]),
            ("triple (+ sector)", events.triple["sector"]),
            ("triple, main events", events.triple["main"]),
        ],
    )
    _print_scores(
        "contexts",
        [
            ("of the sentence", events.contexts["sentence"]),
            ("of the best event", events.contexts["event"]),
            ("sentence, gold labels", events.contexts["sentence_gold_labels"]),
        ],
        note=f"   ({events.with_gold_context} sentences with a gold context)",
    )
    if events.unmapped_contexts:
        unmapped = ", ".join(f"{k} ({n})" for k, n in events.unmapped_contexts.most_common())
        stdout.print(f"gold context labels with no detente context: {unmapped}", markup=False)
    stdout.print(f"{'per type':<14}{'gold':>6}{'correct':>9}{'predicted':>11}")
    for name, tally in sorted(events.per_type.items()):
        stdout.print(
            f"{name:<14}{tally.gold:>6}{tally.correct:>9}{tally.predicted:>11}", markup=False
        )


def _print_scores(title: str, rows: list[tuple[str, Score]], note: str = "") -> None:
    stdout.print(f"{title:<22}{'precision':>10}{'recall':>10}{'F1':>10}{'gold':>8}{note}")
    for label, score in rows:
        stdout.print(
            f"{label:<22}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>10.3f}"
            f"{score.gold:>8}",
            markup=False,
        )
