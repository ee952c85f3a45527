"""The line-tracking YAML strings survive a trip between processes."""

from __future__ import annotations

import pickle

from detente.yamlfiles import LineStr


def test_a_line_string_pickles_with_its_line() -> None:
    value = LineStr("migration", 12)
    copy = pickle.loads(pickle.dumps(value))
    assert copy == "migration" and copy.line == 12 and isinstance(copy, LineStr)
