"""Bytes to text, refusing what is not text rather than storing mojibake."""

from __future__ import annotations

from charset_normalizer import from_bytes

from detente.errors import BinaryFile, EmptySource, UndecodableText

_MAGIC = {
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (or a DOCX/XLSX file)",
    b"\x89PNG": "PNG image",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "executable",
}
_TEXT_CONTROLS = {9, 10, 12, 13}


def binary_kind(data: bytes) -> str | None:
    """Name the kind of binary data, or None when the bytes may well be text."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if b"\x00" in head:
        return "binary data (contains NUL bytes)"
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    if head and controls / len(head) > 0.05:
        return "binary data (control characters)"
    return None


def decode_text(data: bytes, name: str) -> str:
    """Decode as UTF-8 when it is, else as the encoding the bytes most plausibly use."""
    if not data.strip():
        raise EmptySource(f"{name}: empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UndecodableText(f"{name}: has a UTF-16 mark but is not UTF-16") from exc
    kind = binary_kind(data)
    if kind:
        raise BinaryFile(f"{name}: not text but {kind}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise UndecodableText(f"{name}: not valid UTF-8 and no other text encoding fits")
    # Single-byte Latin encodings are often equally plausible to the detector; news text in
    # them is overwhelmingly Windows-1252, so it wins a near tie.
    best = min(matches, key=lambda m: (m.chaos, m.encoding != "cp1252"))
    western = next((m for m in matches if m.encoding == "cp1252"), None)
    if western is not None and western.chaos <= best.chaos + 0.05:
        best = western
    return str(best)
