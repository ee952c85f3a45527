"""Text normalisation and content-hash document ids.

The id is a hash of the text with Unicode forms, quotes-as-typed and whitespace made uniform,
so the same article scraped twice (different line wrapping, a non-breaking space here and
there) is recognised as already stored.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from detente.terminal import strip_controls

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
_ANY_WHITESPACE = re.compile(r"\s+")
# line breaks other than newline, which would otherwise go as control characters
_LINE_BREAKS = dict.fromkeys(map(ord, "\r\f\v\x85"), "\n")
_INVISIBLE = dict.fromkeys(map(ord, "\u200c\u200d\u2060\ufeff\u00ad"), None)


def clean_text(text: str) -> str:
    """The text as stored: NFC, Unix newlines, no invisible or control characters (nor
    terminal escape sequences), tidy blank lines."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    text = strip_controls(text)  # after the line breaks above, which it would remove
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def document_id(text: str) -> str:
    """16 hex digits of SHA-256 over the whitespace-collapsed NFKC text.

    64 bits keep ids short enough to type while a collision stays improbable even across
    hundreds of millions of documents.
    """
    key = _ANY_WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
