import spacy

from detente.nlp.tokenizer import customise_tokenizer


def test_hyphenated_names_stay_whole_and_dashed_compounds_split() -> None:
    nlp = spacy.blank("en")
    assert "ISIS-K" not in [t.text for t in nlp("ISIS-K claimed it.")]  # the problem
    customise_tokenizer(nlp, ["ISIS-K", "al-Qaeda"])
    assert [t.text for t in nlp("ISIS-K claimed it.")] == ["ISIS-K", "claimed", "it", "."]
    assert nlp("ISIS–K struck.")[0].text == "ISIS–K"
    assert [t.text for t in nlp("U.S.–Iran talks")] == ["U.S.", "–", "Iran", "talks"]
    assert [t.text for t in nlp("al-Qaeda")] == ["al-Qaeda"]
