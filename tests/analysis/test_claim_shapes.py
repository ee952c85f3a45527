"""Claims of a common shape are read from the lexicon and the actor matcher, without a parse,
exactly as the whole extractor reads them; any other claim is read by the extractor.

``detente check`` reads most claims this way so that it need not load the parser. The test
that matters is the comparison: every claim below, read both ways, gives the same source,
type, target, sign, kind and negation (only ``reading`` says which way it was read).
"""

from __future__ import annotations

import dataclasses

import pytest

from detente.analysis.claims import ParsedClaim, claim_rules, read_claim
from detente.config import load_settings
from detente.errors import ClaimNotUnderstood
from detente.pipeline import ClaimReader, Extraction

# The claims of tests/analysis/test_claim_kinds.py, test_claims.py and the seed expectations,
# and more of the same shapes: read by a shape, no parse.
SHAPED = [
    "Iranian officials support the Taliban",  # a plural subject: the base form is the present
    "Iran supports ISIS-K",
    "Iran recognises the Taliban government",
    "Iran and the Taliban are allies",
    "Iran supports the National Resistance Front",
    "Iran no longer supports the National Resistance Front",
    "Iran no longer supports the NRF",
    "Iran has not recognised the Taliban",
    "Azerbaijan attacked Armenia",
    "Azerbaijan and Armenia are enemies",
    "India sanctioned China",
    "Iran supports Hamas",
    "Iran no longer supports Hamas",
    "Qatar supports Hamas",
    "Bahrain recognises Hamas",
    "Bahrain has never recognised Hamas",
    "Bahrain has never recognised Yemen",
    "Egypt attacked Israel",
    "Egypt sanctioned Israel",
    "Egypt supports Hamas",
    "Egypt and Israel are allies",
    "Egypt has not recognised Hamas",
    "Oman and Yemen are allies",
    "Oman recognizes the Houthis",
    "Oman supports Yemen",
    "Iran attacks Israel",
    "Israel attacked Iran",
    "Iran did not attack Israel",
    "Iran does not support Hamas",
    "Russia invaded Ukraine",
    "Russia threatens Ukraine",
    "Turkey has attacked Syria",
    "Iran had supported the Northern Alliance",
    "Pakistan never supported the Taliban",
    "China does not recognise Taiwan",
    "Saudi Arabia and Iran are rivals",
    "Armenia and Azerbaijan are not enemies",
    "Russia and Ukraine remain enemies",
    "Tehran supports Hezbollah",
    "The United States sanctions Iran",
    "Iran accuses Israel",
    "Iran arms the Houthis",
    "India condemned Pakistan",
    "Iran fights ISIS-K",  # a reciprocal verb: one act both ways
    "Pakistan fights the Taliban",
    "Iran battles ISIS-K",
    "Pakistan fights ISIS-K",  # the claim's order, not the alphabet's
]

# Claims the parser misreads (it tags "funds" a noun: "Qatar funds") and a shape reads as an
# analyst means them: the one place where the two readings differ, for the better.
READ_BETTER_THAN_THE_PARSE = [
    "Qatar funds Hamas",
    "The Taliban support ISIS-K",
    "The Taliban fight ISIS-K",  # the parser makes "Taliban fight" one noun
]

# Claims no shape reads (several actors, other words, phrasings): read as before.
NOT_SHAPED = [
    "Egypt accused Israel of attacking its ships",
    "Iran and Saudi Arabia have diplomatic relations",
    "Egypt and Israel are at war",
    "Egypt is at peace with Israel",
    "Egypt and Israel are not at war",
    "Russia and China are partners",
    "Iran stopped supporting Hamas",
    "Iran ceased supporting the National Resistance Front",
    "The Taliban and the Northern Alliance fight",
    "Iran cut Israel",  # "cut" may be either tense
    "Israel struck Iran with missiles",
    "Iran supports Hamas and Hezbollah",
    "Iran is an ally of Syria",
]


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return Extraction(load_settings())


def _essence(claim: ParsedClaim) -> ParsedClaim:
    return dataclasses.replace(claim, reading="")


def _both_ways(claim: str, extraction: Extraction) -> tuple[object, object]:
    def attempt(shapes: bool) -> object:
        try:
            return read_claim(claim, extraction, shapes=shapes)
        except ClaimNotUnderstood as refused:
            return f"refused: {refused}"

    return attempt(True), attempt(False)


@pytest.mark.parametrize("claim", SHAPED + NOT_SHAPED)
def test_a_claim_reads_the_same_with_or_without_a_parse(claim: str, extraction: Extraction) -> None:
    fast, parsed = _both_ways(claim, extraction)
    if isinstance(fast, ParsedClaim) and isinstance(parsed, ParsedClaim):
        assert _essence(fast) == _essence(parsed)
    else:
        assert fast == parsed


@pytest.mark.parametrize("claim", SHAPED)
def test_the_common_shapes_need_no_parse(claim: str, extraction: Extraction) -> None:
    assert read_claim(claim, extraction).reading.startswith("shape: ")


@pytest.mark.parametrize("claim", READ_BETTER_THAN_THE_PARSE)
def test_a_shape_reads_what_the_parser_misreads(claim: str, extraction: Extraction) -> None:
    fast, parsed = _both_ways(claim, extraction)
    assert isinstance(fast, ParsedClaim) and fast.reading == "shape: act"
    assert isinstance(parsed, str) and parsed.startswith("refused")


def test_other_claims_go_to_the_extractor(extraction: Extraction) -> None:
    fast = [_both_ways(c, extraction)[0] for c in NOT_SHAPED]
    read = [c for c in fast if isinstance(c, ParsedClaim)]
    assert read and not [c.text for c in read if c.reading.startswith("shape: ")]


def test_the_light_reader_loads_the_parser_only_when_a_claim_needs_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DETENTE_CACHE_DIR", "off")
    reader = ClaimReader(load_settings())
    assert read_claim("Iran supports Hamas", reader).reading == "shape: act"
    assert reader._full is None
    odd = read_claim("Egypt accused Israel of attacking its ships", reader)
    assert reader._full is not None and odd.type == "ACCUSE"
    assert reader.full().kb is reader.kb  # loaded once, shared


def test_shapes_are_data() -> None:
    rules = claim_rules()
    assert [s.name for s in rules.shapes] == ["act", "mutual"]
    assert "SUPPORT" in rules.shape_types and "PROTEST" not in rules.shape_types


def test_a_reader_from_the_cache_reads_as_a_fresh_one(
    extraction: Extraction,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    monkeypatch.setenv("DETENTE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    ClaimReader(load_settings())  # builds the cache
    cached = ClaimReader(load_settings())  # reads it
    for claim in SHAPED:
        assert read_claim(claim, cached) == read_claim(claim, extraction)
