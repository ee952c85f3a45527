"""Text from documents made harmless for a terminal.

A news article is untrusted input. A title or sentence carrying ``ESC [ 2 J`` would clear the
analyst's screen when listed, an OSC 52 sequence would write their clipboard, and a carriage
return or a cursor move can overwrite what detente printed with something it did not. Two
defences, each enough on its own, so that a store made before the first still prints safely:

* :func:`strip_controls` removes control characters and whole escape sequences from text as
  ingest stores it (newline and tab, which text needs, stay);
* :func:`visible` shows any control character left in text about to be printed as a visible
  escape (``\\x1b``), and :func:`cell` does the same for a Rich table cell, which must also not
  read ``[bold]`` in a title as markup.

Only the standard library is imported here: ingest workers and every command load this module.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

__all__ = ["cell", "strip_controls", "visible"]

# ECMA-48 sequences, each removed whole so that no half of one ("[2J") is left as text:
# a control string (OSC, DCS, SOS, PM, APC, 7- or 8-bit introducer) up to its terminator
# (BEL or ST); a control sequence (CSI: parameters, intermediates, final byte); any other
# escape (ESC, intermediates, final byte).
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"
)
# C0 but newline and tab, DEL, C1: what remains once the sequences are gone
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SHOWN = {"\n": "\\n", "\t": "\\t"}


def strip_controls(text: str) -> str:
    """``text`` without escape sequences and control characters, newline and tab kept.

    Text from a document, as it is stored: nothing in it can act on a terminal, and the
    visible characters around a removed sequence are left as they were.
    """
    if not _CONTROL.search(text):
        return text  # the usual case: nothing to do, no copy made
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def visible(text: str, *, one_line: bool = False) -> str:
    """``text`` with each control character written as ``\\xHH``; newline and tab kept, or
    written as ``\\n`` and ``\\t`` when the text must stay ``one_line`` (an error message).

    For anything detente prints that came from a document or the user: the reader sees
    that the text held a control character, and the terminal receives none.
    """
    pattern = _CONTROL_OR_BREAK if one_line else _CONTROL
    if not pattern.search(text):
        return text
    return pattern.sub(_shown, text)


def _shown(match: re.Match[str]) -> str:
    character = match.group()
    return _SHOWN.get(character) or f"\\x{ord(character):02x}"


def cell(text: str | None, default: str = "") -> Text:
    """A Rich table cell showing ``text`` as it is: controls made visible, no markup read."""
    from rich.text import Text  # the command line has Rich loaded; ingest workers need not

    return Text(visible(text if text is not None else default))
