"""Scoring extraction against gold data: gold measures, it never teaches.

Nothing in the extractors reads these files; they are read only here, to report precision,
recall and F1 on data the extractors were not written against.
"""
