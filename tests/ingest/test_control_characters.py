"""Control characters and terminal escape sequences: removed at ingest, shown when printed."""

from __future__ import annotations

import random
import re

import pytest

from detente.config import load_settings
from detente.ingest import IngestOptions, make_document
from detente.ingest.normalise import clean_text
from detente.terminal import cell, strip_controls, visible

OPTIONS = IngestOptions(load_settings())

# what a terminal would act on: C0 but newline and tab, DEL, C1
ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
EVERY_CONTROL = "".join(map(chr, [*range(0x20), 0x7F, *range(0x80, 0xA0)]))


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Talks\x1b[2J resumed.", "Talks resumed."),  # clear screen
        ("Talks \x1b[1;31;47mresumed\x1b[0m.", "Talks resumed."),  # colours, parameters
        ("Talks \x1b[?25lresumed.", "Talks resumed."),  # private parameter: hide the cursor
        ("Talks \x1b]52;c;cm0gLXJmIH4=\x07resumed.", "Talks resumed."),  # OSC 52, BEL
        ("Talks \x1b]0;fake title\x1b\\resumed.", "Talks resumed."),  # OSC, ST terminator
        ("Talks \x9d52;c;cm0gLXJmIH4=\x9cresumed.", "Talks resumed."),  # 8-bit OSC and ST
        ("Talks \x9b2Jresumed.", "Talks resumed."),  # 8-bit CSI
        ("Talks \x1bPq#0;2;0;0;0\x1b\\resumed.", "Talks resumed."),  # DCS (sixel)
        ("Talks \x1bcresumed.", "Talks resumed."),  # full reset
        ("Talks \x1b(Bresumed.", "Talks resumed."),  # character set designation
        ("Tal\x00ks re\x7fsu\x85med\x07.", "Talks resumed."),  # single characters
    ],
)
def test_sequences_go_whole_and_the_words_around_them_stay(raw: str, stored: str) -> None:
    assert strip_controls(raw) == stored


def test_newline_and_tab_stay_everything_else_goes() -> None:
    assert strip_controls(f"a{EVERY_CONTROL}b") == "a\t\nb"  # the two in their order


def test_an_unterminated_control_string_loses_its_introducer_not_the_text() -> None:
    assert strip_controls("Delegates met \x1b]52;c;in Doha.") == "Delegates met 52;c;in Doha."


def test_printable_text_of_any_script_is_untouched() -> None:
    text = "Gespräche in Genf — محادثات · 会谈 · переговоры\u00a0« ok » 🙂\n\tend"
    assert strip_controls(text) is text


def test_random_text_never_keeps_an_active_character() -> None:
    rng = random.Random(15)
    alphabet = EVERY_CONTROL + "[];?0123456789PX^_\\abc \n\té—"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        stripped = strip_controls(text)
        assert not ACTIVE.search(stripped), repr(text)
        assert strip_controls(stripped) == stripped
        assert not ACTIVE.search(visible(text)), repr(text)
        assert not ACTIVE.search(visible(text, one_line=True).replace("\n", ""))


def test_visible_writes_each_control_character_as_an_escape() -> None:
    assert visible("Talks\x1b[2J resumed\x9b.") == "Talks\\x1b[2J resumed\\x9b."
    assert visible("line one\n\tline two") == "line one\n\tline two"
    assert visible("line one\n\tline two", one_line=True) == "line one\\n\\tline two"


def test_a_cell_shows_markup_as_text() -> None:
    shown = cell("Sanctions [bold]lifted[/bold] \x1b[5m")
    assert shown.plain == "Sanctions [bold]lifted[/bold] \\x1b[5m"
    assert not shown.spans
    assert cell(None, "—").plain == "—"


def test_clean_text_keeps_line_breaks_of_every_convention() -> None:
    text = "First paragraph.\r\rSecond\x0bline.\x85Third\x0cpage."
    assert clean_text(text) == "First paragraph.\n\nSecond\nline.\nThird\npage."


def test_every_field_of_a_document_is_stored_without_controls() -> None:
    document = make_document(
        "Armenia and Turkey\x1b[2J held talks\x9b31m in Kars.\x1b]52;c;aGVsbG8=\x07",
        origin="feeds/\x1b[1mwire.jsonl:3",
        options=OPTIONS,
        title="Border \x1b]0;owned\x07talks \x90q\x9c resume",
        author="A. Writer\x07",
        url="https://news.example/a\x1b[8m",
        source="Wire\x9d8;;https://x.example\x9c",
        genre="opinion\x00",
    )
    assert document.text == "Armenia and Turkey held talks in Kars."
    assert document.title == "Border talks resume"
    assert document.author == "A. Writer"
    assert document.url == "https://news.example/a"
    assert document.source == "Wire"
    assert document.origin == "feeds/wire.jsonl:3"
    assert document.genre == "opinion"


def test_the_same_article_with_and_without_escapes_is_one_document() -> None:
    clean = make_document("Japan and Korea agreed to talks.", origin="a", options=OPTIONS)
    hostile = make_document(
        "Japan\x1b[31m and Korea agreed\x9b0m to talks.", origin="b", options=OPTIONS
    )
    assert hostile.id == clean.id and hostile.text == clean.text


def test_a_user_source_name_is_cleaned_too() -> None:
    options = IngestOptions(load_settings(), source_name="Desk\x1b[2J")
    assert make_document("Text.", origin="a", options=options).source == "Desk"
