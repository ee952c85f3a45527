"""`detente check "CLAIM"`: is a claim supported or contradicted by the store, and by what."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from detente.cli._common import (
    AtOption,
    SinceOption,
    UntilOption,
    fail_cleanly,
    open_store,
    parse_window,
    print_json,
    settings_of,
    stdout,
)
from detente.cli.docs import JsonOption
from detente.cli.listing import print_wrapped


def check_command(
    ctx: typer.Context,
    claim: Annotated[str, typer.Argument(help='The claim, e.g. "Iran supports ISIS-K".')],
    at: AtOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    json: JsonOption = False,
) -> None:
    """Check a claim against the evidence: supported, contradicted, mixed (with the periods
    where each holds) or not enough evidence, with the sentences behind the verdict."""
    from detente.analysis.claims import check_claim
    from detente.pipeline import load_claim_reader

    window = parse_window(at, since, until)
    with _without_collection():
        with fail_cleanly():
            settings = settings_of(ctx)
            # the knowledge base, resolver and lexicon (cached); the parser only if the
            # claim is not of a common shape
            reader = load_claim_reader(settings)
        gc.freeze()  # the reader, out of the collections that loading the parser may run
        with open_store(ctx, read_only=True) as store, fail_cleanly():
            result = check_claim(
                store,
                claim,
                extraction=reader,
                at=window.at,
                since=window.since,
                until=window.until,
                settings=settings,
            )
    answer = result.as_json()
    if json:
        print_json(answer)
        return
    parsed = answer["parsed"]
    sign = "+" if parsed["polarity"] > 0 else "−"
    stdout.print(
        f"claim: {answer['claim']}  (read as {parsed['source']['name']} {parsed['type']}{sign} "
        f"{parsed['target']['name']})",
        markup=False,
    )
    stdout.print(f"verdict: {answer['verdict']}", markup=False)
    for period in answer["periods"]:
        stdout.print(
            f"  {period['period']:<12} {period['verdict']:<20} "
            f"support {period['supporting']:.2f}  against {period['contradicting']:.2f}",
            markup=False,
        )
    _evidence("supporting", answer["supporting"])
    _evidence("contradicting", answer["contradicting"])
    _evidence("reported or hedged, supporting", answer["reported"]["supporting"])
    _evidence("reported or hedged, contradicting", answer["reported"]["contradicting"])
    sources = answer["sources"]
    if sources["opinion_only"]:
        stdout.print(
            f"sources: only opinion pieces ({', '.join(sources['genres'])}; "
            f"{sources['documents']} document(s))",
            markup=False,
        )
    if answer["structural"]:
        stdout.print("structure (diagnostic):", markup=False)
        for path in answer["structural"]:
            stdout.print(
                f"  via {path['via']['name']}: {path['sign_with_source']:+d} and "
                f"{path['sign_with_target']:+d} imply {path['implies']:+d}",
                markup=False,
            )
    stdout.print(answer["explanation"], markup=False)


@contextmanager
def _without_collection() -> Iterator[None]:
    """No garbage collection while a claim is read and checked, and what is alive after it
    left out of collection (frozen). Loading the claim reader (and, for a claim of an
    unusual shape, the parser) makes hundreds of thousands of objects that all stay alive:
    the first collections after it would walk them all, a quarter of a second of a check
    that frees none of them, and checking one claim leaves little for the collector. The
    command ends its process, and the frozen objects go with it; a caller that runs
    commands in a process of its own can ``gc.unfreeze()``."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _evidence(title: str, items: list[dict[str, Any]]) -> None:
    if not items:
        return
    stdout.print(f"{title}:", markup=False)
    for item in items:
        when = (item["time"]["start"] or "undated")[:4]
        print_wrapped(
            f"[{when}] {item['type']} {item['modality']} (weight {item['weight']:.2f}; "
            f"{item['why']}) {item['document'][:8]}#{item['sentence']}: {item['text']}",
            "  ",
        )
