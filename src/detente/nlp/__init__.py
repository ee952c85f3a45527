"""Language processing: sentences now; tokens, parses and time expressions in later stages."""

from detente.nlp.sentences import split_sentences

__all__ = ["split_sentences"]
