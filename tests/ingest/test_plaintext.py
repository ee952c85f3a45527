from detente.ingest.boilerplate import strip_trailing_boilerplate
from detente.ingest.plaintext import looks_like_title, read_plain_article, split_paragraphs

BODY = [
    "Delegations from the two capitals met on Tuesday to discuss a stalled rail project "
    "that would link their networks across the mountain border for the first time.",
    "The ministers said engineering surveys would resume in the spring and that financing "
    "would come from a regional development bank rather than from private lenders.",
    "Critics in both parliaments questioned the cost, but the agreement passed its first "
    "reading in each chamber with large majorities later the same week.",
    "The final sentence of the real article mentions the ferry schedule for the lake crossing.",
]


def test_title_byline_and_body_are_separated() -> None:
    text = "Rail talks resume across the border\n\nBy Mina Rostami\n\n" + "\n\n".join(BODY)
    article = read_plain_article(text)
    assert article.title == "Rail talks resume across the border"
    assert article.author == "Mina Rostami"
    assert article.body.startswith("Delegations from the two capitals")


def test_a_prose_first_line_is_not_a_title() -> None:
    article = read_plain_article("\n\n".join(BODY))
    assert article.title is None
    assert article.body.startswith("Delegations")


def test_scraped_trailer_is_removed() -> None:
    trailer = [
        "Comments",
        "Popular Posts",
        "Five gadgets that will change how you cook this winter",
        "Why the old harbour district became the city's favourite weekend spot",
        "A beginner's guide to saving for retirement in an uncertain economy.",
    ]
    kept = strip_trailing_boilerplate([*BODY, *trailer])
    assert kept == BODY


def test_share_block_and_related_posts_are_removed() -> None:
    kept = strip_trailing_boilerplate([*BODY, "Share this:", "Twitter", "Related Posts", "x y"])
    assert kept == BODY


def test_author_bio_and_disclaimer_are_removed() -> None:
    bio = [
        "• Mina Rostami is a Tabriz-based journalist covering regional trade.",
        "• The views expressed are those of the author.",
        "• She can be reached at @minarostami",
    ]
    assert strip_trailing_boilerplate([*BODY, *bio]) == BODY


def test_an_early_heading_that_looks_like_a_marker_is_kept() -> None:
    paragraphs = ["Related", *BODY]
    assert strip_trailing_boilerplate(paragraphs) == paragraphs


def test_last_paragraph_of_prose_is_never_taken_for_boilerplate() -> None:
    assert strip_trailing_boilerplate(BODY) == BODY


def test_paragraphs_from_blank_lines_or_lines() -> None:
    assert split_paragraphs("a\nb\n\nc") == ["a\nb", "c"]
    assert split_paragraphs("a\nb\nc") == ["a", "b", "c"]


def test_title_shape() -> None:
    assert looks_like_title("Why the talks failed?")
    assert not looks_like_title("The talks failed on Monday.")
    assert not looks_like_title(" ".join(["word"] * 40))


def test_markdown_heading_becomes_title() -> None:
    article = read_plain_article("# Rail talks resume\n\n" + "\n\n".join(BODY), markdown=True)
    assert article.title == "Rail talks resume"


def test_dateline_gives_the_publication_date() -> None:
    article = read_plain_article("Title here\n\nASHGABAT, 4 June 2024 — Gas talks resumed today.")
    assert article.dateline == "4 June 2024"
    assert read_plain_article("Title\n\nGas talks resumed, officials said.").dateline is None
