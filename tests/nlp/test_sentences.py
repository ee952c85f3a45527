from detente.nlp.sentences import paragraph_spans, split_sentences

TEXT = (
    "Envoys of the U.S. and Iran met in Muscat. They agreed to meet again.\n\n"
    "A heading without a full stop\n\n"
    "Dr. Rahimi said the talks went well. Nothing else was announced!"
)


def test_offsets_address_the_stored_text() -> None:
    sentences = split_sentences(TEXT)
    for sentence in sentences:
        assert TEXT[sentence.start : sentence.end] == sentence.text
    assert [s.index for s in sentences] == list(range(len(sentences)))


def test_abbreviations_do_not_end_sentences() -> None:
    texts = [s.text for s in split_sentences(TEXT)]
    assert texts[0] == "Envoys of the U.S. and Iran met in Muscat."
    assert "Dr. Rahimi said the talks went well." in texts


def test_paragraphs_are_numbered_and_headings_stay_apart() -> None:
    sentences = split_sentences(TEXT)
    assert [s.paragraph for s in sentences] == [0, 0, 1, 2, 2]
    assert sentences[2].text == "A heading without a full stop"


def test_lines_are_paragraphs_when_there_are_no_blank_lines() -> None:
    assert len(paragraph_spans("one\ntwo\nthree")) == 3
