import pytest

from detente.errors import BinaryFile, EmptySource
from detente.ingest.decode import decode_text


def test_utf8_with_bom() -> None:
    assert decode_text("\ufeffKabul".encode(), "f") == "Kabul"


def test_utf16_with_mark() -> None:
    assert decode_text("Talks in Dushanbe".encode("utf-16"), "f") == "Talks in Dushanbe"


def test_legacy_single_byte_encoding_is_detected() -> None:
    text = "Délégation française à Genève: réunion prévue après l'été, déclaré le ministère."
    assert decode_text(text.encode("cp1252"), "f") == text


@pytest.mark.parametrize(
    "data", [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n\x00\x00", bytes(range(256)) * 4]
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryFile):
        decode_text(data, "f")


def test_blank_is_empty() -> None:
    with pytest.raises(EmptySource):
        decode_text(b"  \n\t\n", "f")
