"""Listings a person can read in a terminal and a program can read in a pipe.

A listing (``detente docs``, ``events``, ``actors``, ``mentions``, ``relations``) is a header
and rows of cells. Where it goes decides how it is printed, as ``gh`` and ``kubectl`` do:

* **a terminal** gets an aligned table as wide as the terminal. Ids, dates, types, modality
  and figures (:data:`FIXED` columns) are never cut or wrapped: they are what a reader copies
  into the next command. Names (:data:`NAME` columns) wrap within a width they may use. The
  free text (:data:`TEXT`, at most one column: the evidence, a title) gets the rest of the
  line and wraps; when the rest is too narrow to read (an 80-column terminal and an event's
  five other fields), each record's text goes on the lines below it, indented, across the
  whole width. Columns that do not fit even then follow on an indented line as
  ``header value`` pairs, so nothing is ever cut away.
* **anything else** (a pipe, a file) gets one record per line, the cells tab-separated with
  the text whole, after one header line: ``cut``, ``sort``, ``awk`` and spreadsheets read it
  as it is. ``--json`` stays the program interface with every field.

The layout is plain functions of the cells and a width (:func:`terminal_lines`,
:func:`pipe_lines`), so it is tested without a terminal; :func:`print_listing` picks one.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from detente.terminal import visible

__all__ = [
    "FIXED",
    "NAME",
    "TEXT",
    "Column",
    "pipe_lines",
    "print_listing",
    "print_wrapped",
    "terminal_lines",
]

Kind = Literal["fixed", "name", "text"]
FIXED: Final[Kind] = "fixed"
NAME: Final[Kind] = "name"
TEXT: Final[Kind] = "text"

#: Spaces between two columns, and before the first.
GAP: Final = 2
MARGIN: Final = 1
#: The narrowest a text column is read beside the others; narrower, it goes below its record
#: (an evidence sentence in a column a third of an 80-column terminal wide is a tall ribbon).
TEXT_BESIDE: Final = 45
#: The narrowest any text is wrapped to, however narrow the terminal.
TEXT_MIN: Final = 30
#: Where the text below a record (and the columns that did not fit) starts.
INDENT: Final = 4
#: The narrowest a name column is wrapped to before the layout gives up a side-by-side text.
NAME_MIN: Final = 10


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a listing.

    ``header`` is shown in the terminal, ``key`` (the header when not given) in a pipe's
    header line, where a program reads it; ``cap`` is the widest a name column grows before
    it wraps; ``right`` aligns figures. ``where`` keeps a column to one of the two outputs
    (a pipe lists a document's full id, a terminal an eight-character reference in the
    evidence).
    """

    header: str
    kind: Kind = FIXED
    key: str | None = None
    right: bool = False
    cap: int = 24
    where: Literal["both", "terminal", "pipe"] = "both"

    @property
    def pipe_header(self) -> str:
        return self.key or self.header


# --------------------------------------------------------------------------- the pipe


def pipe_lines(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[str]:
    """A header line and one line per record, cells tab-separated and whole.

    A tab or a line break inside a cell (a merged event's reports, a paragraph break in a
    title) becomes a space, so a record is always one line with one cell per column;
    control characters are shown, not sent (:func:`detente.terminal.visible`).
    """
    kept = [i for i, c in enumerate(columns) if c.where != "terminal"]
    lines = ["\t".join(columns[i].pipe_header for i in kept)]
    for row in rows:
        lines.append("\t".join(_one_line(row[i]) for i in kept))
    return lines


def _one_line(text: str) -> str:
    return " ".join(visible(text).replace("\t", " ").split())


# --------------------------------------------------------------------------- the terminal


@dataclass(frozen=True, slots=True)
class _Layout:
    """Which columns go side by side and how wide each is; the others and the text go
    below each record."""

    side: tuple[int, ...]
    widths: tuple[int, ...]
    below: tuple[int, ...]
    text: int | None
    text_beside: bool


def terminal_lines(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int
) -> list[str]:
    """The listing as lines no wider than ``width`` (when its ids and dates allow): a
    header line, then each record on as many lines as its wrapped cells need."""
    shown = [i for i, c in enumerate(columns) if c.where != "pipe"]
    columns = [columns[i] for i in shown]
    cells = [[visible(row[i]) for i in shown] for row in rows]
    layout = _layout(columns, cells, width)
    lines = [_joined([columns[i].header for i in layout.side], layout, columns)]
    if layout.text is not None and layout.text_beside:
        lines[0] += " " * GAP + columns[layout.text].header
    for row in cells:
        lines.extend(_record(columns, row, layout, width))
    return [line.rstrip() for line in lines]


def _layout(columns: Sequence[Column], cells: Sequence[Sequence[str]], width: int) -> _Layout:
    natural = [
        max([len(c.header), *(_longest_line(row[i]) for row in cells)])
        for i, c in enumerate(columns)
    ]
    text = next((i for i, c in enumerate(columns) if c.kind == TEXT), None)
    others = [i for i in range(len(columns)) if i != text]

    def least(i: int) -> int:  # the narrowest a column may be
        if columns[i].kind == NAME:
            return min(natural[i], max(NAME_MIN, len(columns[i].header)))
        return natural[i]

    def most(i: int) -> int:  # the widest a column is worth
        return min(natural[i], columns[i].cap) if columns[i].kind == NAME else natural[i]

    def room(chosen: Sequence[int], widths: Sequence[int]) -> int:
        return width - MARGIN - sum(widths) - GAP * max(len(chosen) - 1, 0)

    # everything side by side, the text readable beside the rest
    lows = [least(i) for i in others]
    if text is not None and room(others, lows) - GAP >= min(TEXT_BESIDE, natural[text]):
        widths = _grown(others, lows, [most(i) for i in others], room(others, lows) - GAP, text)
        return _Layout(tuple(others), tuple(widths), (), text, True)
    # the text below; as many columns side by side as fit, the rest below too
    side: list[int] = []
    for i in others:
        if side and room([*side, i], [least(j) for j in (*side, i)]) < 0:
            break
        side.append(i)
    # nothing beside them to leave room for: names grow to their longest, as room allows
    lows = [least(i) for i in side]
    widths = _grown(side, lows, [natural[i] for i in side], room(side, lows), None)
    below = tuple(i for i in others if i not in side)
    return _Layout(tuple(side), tuple(widths), below, text, False)


def _grown(
    indices: Sequence[int], lows: Sequence[int], highs: Sequence[int], spare: int, text: int | None
) -> list[int]:
    """Widths from ``lows`` grown toward ``highs`` with what ``spare`` allows, leaving a
    text column :data:`TEXT_BESIDE` (or all of ``spare`` to the names when there is none)."""
    widths = list(lows)
    budget = spare - (TEXT_BESIDE if text is not None else 0)
    for k in range(len(indices)):
        extra = min(max(budget, 0), highs[k] - widths[k])
        widths[k] += extra
        budget -= extra
    return widths


def _record(
    columns: Sequence[Column], row: Sequence[str], layout: _Layout, width: int
) -> list[str]:
    wrapped = [
        _wrap(row[i], w, hyphens=columns[i].kind == NAME)
        for i, w in zip(layout.side, layout.widths, strict=True)
    ]
    if layout.text is not None and layout.text_beside:
        text_width = width - MARGIN - sum(layout.widths) - GAP * len(layout.widths)
        wrapped.append(_wrap(row[layout.text], text_width))
    height = max(len(cell) for cell in wrapped)
    lines = []
    for n in range(height):
        parts = []
        for k, cell in enumerate(wrapped):
            part = cell[n] if n < len(cell) else ""
            if k < len(layout.side):
                column = columns[layout.side[k]]
                w = layout.widths[k]
                part = part.rjust(w) if column.right else part.ljust(w)
            parts.append(part)
        lines.append(" " * MARGIN + (" " * GAP).join(parts))
    below_width = max(width - INDENT, TEXT_MIN)
    if layout.below:
        pairs = [f"{columns[i].header} {row[i]}" for i in layout.below if row[i]]
        lines.extend(
            " " * INDENT + line
            for line in textwrap.wrap(
                "  ".join(pairs), below_width, break_long_words=False, break_on_hyphens=False
            )
        )
    if layout.text is not None and not layout.text_beside and row[layout.text]:
        lines.extend(" " * INDENT + line for line in _wrap(row[layout.text], below_width))
    return lines


def _joined(headers: Sequence[str], layout: _Layout, columns: Sequence[Column]) -> str:
    parts = [
        h.rjust(w) if columns[i].right else h.ljust(w)
        for h, i, w in zip(headers, layout.side, layout.widths, strict=True)
    ]
    return " " * MARGIN + (" " * GAP).join(parts)


def _wrap(text: str, width: int, *, hyphens: bool = False) -> list[str]:
    """``text`` in lines of at most ``width``; its own line breaks kept (the reports under
    a merged event), an indented or ``· `` line continued under itself, a word longer than
    the width (a URL) broken; a name (``02_helmand-water-border-clash.txt``) may break after
    a hyphen when it does not fit the width whole ("Guinea-Bissau" moves to the next line
    whole), a sentence may not."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        indent = paragraph[: len(paragraph) - len(paragraph.lstrip(" "))]
        hanging = paragraph.lstrip(" ").startswith("· ")
        too_long = any(len(word) > width for word in paragraph.split())
        lines.extend(
            textwrap.wrap(
                paragraph,
                max(width, 1),
                subsequent_indent=indent + "  " if indent or hanging else "",
                break_on_hyphens=hyphens and too_long,
            )
            or [""]
        )
    return lines or [""]


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.split("\n")), default=0)


# --------------------------------------------------------------------------- printing


def print_listing(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    summary: str,
    legend: str | None = None,
    pipe: tuple[Sequence[Column], Sequence[Sequence[str]]] | None = None,
) -> None:
    """Print a listing where it is read: a table as wide as the terminal, with the
    ``legend`` (what the marks in it mean) and the ``summary`` (how many) under it; else
    the header and one tab-separated line per record on stdout, and the summary on stderr,
    where it does not mix with the records a program reads. A listing whose records are
    not the same in a pipe (a pair and its evidence on a terminal, one line per piece of
    evidence in a pipe) gives the ``pipe`` columns and rows apart."""
    from detente.cli._common import stderr, stdout

    if stdout.is_terminal:
        lines = terminal_lines(columns, rows, stdout.width)
        out = "\n".join(lines)
        stdout.print(lines[0], style="bold", markup=False, highlight=False)
        if len(lines) > 1:
            stdout.print(out[len(lines[0]) + 1 :], markup=False, highlight=False)
        if legend:
            stdout.print(
                "\n".join(textwrap.wrap(visible(legend), max(stdout.width - MARGIN, TEXT_MIN))),
                style="dim",
                markup=False,
                highlight=False,
            )
        stdout.print(summary, markup=False, highlight=False)
        return
    import sys

    sys.stdout.write("\n".join(pipe_lines(*(pipe or (columns, rows)))) + "\n")
    sys.stdout.flush()
    stderr.print(summary, markup=False, highlight=False)


def print_wrapped(line: str, indent: str = "") -> None:
    """One line of a report (an evidence sentence with its weight and reference): on a
    terminal wrapped at its width under its own start, in a pipe whole on one line."""
    from detente.cli._common import stdout

    if not stdout.is_terminal:
        stdout.print(indent + line, markup=False, highlight=False)
        return
    wrapped = textwrap.wrap(
        visible(line),
        max(stdout.width - len(indent), TEXT_MIN),
        subsequent_indent="  ",
        break_on_hyphens=False,
    )
    stdout.print("\n".join(indent + part for part in wrapped), markup=False, highlight=False)
