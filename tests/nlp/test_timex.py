from datetime import date, datetime

import pytest

from detente.nlp.timex import (
    Precision,
    TimeSpan,
    find_time_expressions,
    resolve_times,
    sentence_time,
)

REF = date(2025, 11, 20)  # a Thursday
D, M, Y, X = Precision.DAY, Precision.MONTH, Precision.YEAR, Precision.DECADE


def only(text: str, reference: date | None = REF) -> TimeSpan:
    spans = find_time_expressions(text, reference)
    assert len(spans) == 1, spans
    return spans[0]


def check(text: str, written: str, start: str, end: str, precision: Precision) -> TimeSpan:
    span = only(text)
    assert span.text == written
    assert (span.start, span.end) == (date.fromisoformat(start), date.fromisoformat(end))
    assert span.precision is precision
    assert text[span.char_start : span.char_end] == written
    return span


# -- explicit dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "start", "end", "precision"),
    [
        ("The envoys met in Doha on 2023-07-14.", "2023-07-14", "2023-07-14", "2023-07-14", D),
        (
            "A convoy was shelled on 9 February 2022 near Herat.",
            "9 February 2022",
            "2022-02-09",
            "2022-02-09",
            D,
        ),
        (
            "The accord was initialled on March 17, 2020, in Geneva.",
            "March 17, 2020",
            "2020-03-17",
            "2020-03-17",
            D,
        ),
        (
            "Ministers gathered on the 2nd of April 2019.",
            "2nd of April 2019",
            "2019-04-02",
            "2019-04-02",
            D,
        ),
        (
            "Talks opened on Friday, Sept. 5, 2025, in Ashgabat.",
            "Friday, Sept. 5, 2025",
            "2025-09-05",
            "2025-09-05",
            D,
        ),
        (
            "The summit ran 14-16 October 2024 in Kazan.",
            "14-16 October 2024",
            "2024-10-14",
            "2024-10-16",
            D,
        ),
        ("Both armies withdrew in November 2020.", "November 2020", "2020-11-01", "2020-11-30", M),
        (
            "February 2016 brought a new round of sanctions.",
            "February 2016",
            "2016-02-01",
            "2016-02-29",
            M,
        ),
        (
            "The pipeline deal was revived in mid-September 2023.",
            "mid-September 2023",
            "2023-09-11",
            "2023-09-20",
            D,
        ),
        ("The border crossing reopened in 2017.", "2017", "2017-01-01", "2017-12-31", Y),
        ("Parliament passed the 2015 budget late.", "2015", "2015-01-01", "2015-12-31", Y),
        ("Drone strikes intensified in early 2023.", "early 2023", "2023-01-01", "2023-04-30", M),
        ("A new cabinet was sworn in by mid-2022.", "mid-2022", "2022-05-01", "2022-08-31", M),
        ("Negotiations collapsed in late 2019.", "late 2019", "2019-09-01", "2019-12-31", M),
        (
            "The line is due to open by the end of 2026.",
            "the end of 2026",
            "2026-12-01",
            "2026-12-31",
            M,
        ),
        ("Reserves fell to a record low at end-2021.", "end-2021", "2021-12-01", "2021-12-31", M),
        (
            "Refugee flows peaked in the summer of 2015.",
            "the summer of 2015",
            "2015-06-01",
            "2015-08-31",
            M,
        ),
    ],
)
def test_explicit_dates(
    text: str, written: str, start: str, end: str, precision: Precision
) -> None:
    span = check(text, written, start, end, precision)
    assert not span.relative


def test_numeric_dates_are_normalised_by_dateparser() -> None:
    assert only("The decree is dated 28/02/2021.").start == date(2021, 2, 28)
    assert only("It was signed on 11.30.2018 in Tashkent.").start == date(2018, 11, 30)


def test_a_day_and_month_without_a_year_take_the_nearest_year() -> None:
    span = check(
        "Officials met in Kabul on Oct. 2 to discuss water.",
        "Oct. 2",
        "2025-10-02",
        "2025-10-02",
        D,
    )
    assert span.relative
    # After the reference, but much nearer than last year's: the coming one.
    check("Elections are set for Jan. 12.", "Jan. 12", "2026-01-12", "2026-01-12", D)
    # A sentence that ends on the month keeps its full stop out of the expression.
    check("The cabinet resigned on 4 June.", "4 June", "2025-06-04", "2025-06-04", D)


# -- decades, parts of years, fractions -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "start", "end", "precision"),
    [
        ("Militias were everywhere during the 1980s.", "the 1980s", "1980-01-01", "1989-12-31", X),
        ("Kabul changed hands often in the 90s.", "the 90s", "1990-01-01", "1999-12-31", X),
        ("Grain exports grew through the '70s.", "the '70s", "1970-01-01", "1979-12-31", X),
        (
            "The dam was planned in the early 1960s.",
            "the early 1960s",
            "1960-01-01",
            "1963-12-31",
            Y,
        ),
        ("A ceasefire held in the mid-2000s.", "the mid-2000s", "2004-01-01", "2006-12-31", Y),
        (
            "The republic weakened in the late 1970s.",
            "the late 1970s",
            "1977-01-01",
            "1979-12-31",
            Y,
        ),
        ("Trade through the port grew in the 2010s.", "the 2010s", "2010-01-01", "2019-12-31", X),
        (
            "Borders were drawn in the 20th century.",
            "the 20th century",
            "1900-01-01",
            "1999-12-31",
            X,
        ),
        (
            "Arrests rose in the first six months of 2024.",
            "the first six months of 2024",
            "2024-01-01",
            "2024-06-30",
            M,
        ),
        (
            "Exports dipped in the first half of 2023.",
            "the first half of 2023",
            "2023-01-01",
            "2023-06-30",
            M,
        ),
        (
            "Inflation eased in the second half of 2022.",
            "the second half of 2022",
            "2022-07-01",
            "2022-12-31",
            M,
        ),
        (
            "Output grew in the first quarter of 2025.",
            "the first quarter of 2025",
            "2025-01-01",
            "2025-03-31",
            M,
        ),
        ("Remittances fell in Q3 2024.", "Q3 2024", "2024-07-01", "2024-09-30", M),
        ("Imports jumped in H2 2021.", "H2 2021", "2021-07-01", "2021-12-31", M),
    ],
)
def test_decades_parts_and_fractions(
    text: str, written: str, start: str, end: str, precision: Precision
) -> None:
    check(text, written, start, end, precision)


def test_a_fraction_without_a_year_is_the_reference_year() -> None:
    span = check(
        "Prices should stabilise in the second half.",
        "the second half",
        "2025-07-01",
        "2025-12-31",
        M,
    )
    assert span.relative
    check(
        "Sales fell in the last six months of 2024.",
        "the last six months of 2024",
        "2024-07-01",
        "2024-12-31",
        M,
    )
    check(
        "Arrests doubled in the first three months of last year.",
        "the first three months of last year",
        "2024-01-01",
        "2024-03-31",
        M,
    )
    assert find_time_expressions("He scored in the second half of the match.", REF) == []


# -- relative expressions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "start", "end", "precision"),
    [
        ("Border guards exchanged fire on Sunday.", "Sunday", "2025-11-16", "2025-11-16", D),
        ("The minister flew to Dushanbe on Thursday.", "Thursday", "2025-11-20", "2025-11-20", D),
        ("The envoy resigned last Thursday.", "last Thursday", "2025-11-13", "2025-11-13", D),
        ("Talks resume next Monday.", "next Monday", "2025-11-24", "2025-11-24", D),
        ("Yesterday a bus was attacked near Kandahar.", "Yesterday", "2025-11-19", "2025-11-19", D),
        ("The assembly votes today on the budget.", "today", "2025-11-20", "2025-11-20", D),
        (
            "Clashes broke out last night near the border.",
            "last night",
            "2025-11-19",
            "2025-11-19",
            D,
        ),
        ("Delegations arrive this week in Tehran.", "this week", "2025-11-17", "2025-11-23", D),
        ("Delegations left last week from Tehran.", "last week", "2025-11-10", "2025-11-16", D),
        ("The bank raised rates last month.", "last month", "2025-10-01", "2025-10-31", M),
        (
            "Two envoys were recalled earlier this month.",
            "earlier this month",
            "2025-11-01",
            "2025-11-20",
            D,
        ),
        (
            "A trade pact was signed earlier this year.",
            "earlier this year",
            "2025-01-01",
            "2025-11-20",
            M,
        ),
        ("Turnout was high this year.", "this year", "2025-01-01", "2025-12-31", Y),
        ("The harvest failed last year.", "last year", "2024-01-01", "2024-12-31", Y),
        ("A census is planned for next year.", "next year", "2026-01-01", "2026-12-31", Y),
        ("The road was closed a month ago.", "a month ago", "2025-10-01", "2025-10-31", M),
        ("The pact was signed two years ago.", "two years ago", "2023-01-01", "2023-12-31", Y),
        (
            "Over the past four years, the rail link was finished.",
            "the past four years",
            "2021-11-20",
            "2025-11-20",
            Y,
        ),
        (
            "In the past two years, three ministers resigned.",
            "the past two years",
            "2023-11-20",
            "2025-11-20",
            Y,
        ),
        ("Smuggling has grown in recent years.", "recent years", "2022-11-20", "2025-11-20", Y),
        (
            "Over the past decade, the lake shrank.",
            "the past decade",
            "2015-11-20",
            "2025-11-20",
            Y,
        ),
        (
            "The militia regrouped over the last 12 months.",
            "the last 12 months",
            "2024-11-20",
            "2025-11-20",
            M,
        ),
        (
            "The currency may fall in the coming months.",
            "the coming months",
            "2025-11-20",
            "2026-02-20",
            M,
        ),
        ("Shelling resumed over the weekend.", "the weekend", "2025-11-15", "2025-11-16", D),
        ("Talks stalled in late last year.", "late last year", "2024-09-01", "2024-12-31", M),
    ],
)
def test_relative_expressions(
    text: str, written: str, start: str, end: str, precision: Precision
) -> None:
    span = check(text, written, start, end, precision)
    assert span.relative


def test_months_named_alone_need_a_cue_and_take_the_nearest_year() -> None:
    check("In September, the council met twice.", "September", "2025-09-01", "2025-09-30", M)
    check("Fuel ran short last December.", "last December", "2024-12-01", "2024-12-31", M)
    check("A vote is expected in January.", "January", "2026-01-01", "2026-01-31", M)
    assert find_time_expressions("September brought nothing new.", REF) == []


def test_relative_expressions_need_a_reference() -> None:
    text = "Last week the envoy met officials who took office in 2019 and again on Monday."
    assert [s.text for s in find_time_expressions(text, None)] == ["2019"]
    assert find_time_expressions("They met on Feb. 3 and again yesterday.", None) == []


# -- ranges and operators ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "start", "end", "precision"),
    [
        ("Since 2018, the corridor has been closed.", "Since 2018", "2018-01-01", "2025-11-20", Y),
        (
            "Since October 2022, exports have halved.",
            "Since October 2022",
            "2022-10-01",
            "2025-11-20",
            M,
        ),
        ("After 2016 the alliance frayed.", "After 2016", "2017-01-01", "2025-11-20", Y),
        (
            "Before 2014, the two capitals rarely spoke.",
            "Before 2014",
            "2009-01-01",
            "2013-12-31",
            Y,
        ),
        (
            "Between 1989 and 1992 the government held the cities.",
            "Between 1989 and 1992",
            "1989-01-01",
            "1992-12-31",
            Y,
        ),
        (
            "From 2004 to 2009 the mission expanded.",
            "From 2004 to 2009",
            "2004-01-01",
            "2009-12-31",
            Y,
        ),
        ("The treaty covered 2011–2016 only.", "2011–2016", "2011-01-01", "2016-12-31", Y),
        (
            "Between March and June 2023 the pass was closed.",
            "Between March and June 2023",
            "2023-03-01",
            "2023-06-30",
            M,
        ),
        (
            "From 28 December to 3 January 2024, flights were halted.",
            "From 28 December to 3 January 2024",
            "2023-12-28",
            "2024-01-03",
            D,
        ),
        ("Aid has flowed from 2020 onwards.", "from 2020 onwards", "2020-01-01", "2025-11-20", Y),
    ],
)
def test_ranges_and_operators(
    text: str, written: str, start: str, end: str, precision: Precision
) -> None:
    check(text, written, start, end, precision)


def test_since_without_a_reference_stays_on_its_anchor() -> None:
    span = only("Since 2018, the corridor has been closed.", None)
    assert (span.start, span.end) == (date(2018, 1, 1), date(2018, 12, 31))


# -- what is not a date -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "More than 850,000 people crossed the border.",
        "Exports reached USD 2.417 billion, about 31% of the market.",
        "Officials said 90 people were killed and 45 wounded.",
        "The pipeline runs 1,200 km across the desert.",
        "Resolution 2254 and Resolution 1973 were cited.",
        "See page 1998 and section 2005 of the report.",
        "Call +93 20 2021 4455 or 0799-2019-33 for details.",
        "Some 2000 troops and 1500 vehicles were deployed.",
        "A 35-year-old man who had served for 20 years was detained.",
        "The 1850 treaty and the 2150 plan are unrelated.",
        "The budget was $2020 million.",
        "People in their 60s and the 30 delegates left.",
        "Iran may be arming the group, analysts may argue.",
        "Theresa May spoke to the press.",
        "They march on the capital; the august assembly listened.",
        "The March 23 Movement seized the town.",
        "The Sunday Times interviewed survivors of Bloody Sunday.",
    ],
)
def test_non_dates(text: str) -> None:
    assert find_time_expressions(text, REF) == []


def test_may_is_a_month_only_with_a_day_a_year_or_a_cue() -> None:
    text = "Iran may expand the deal it signed in May 2024, which may lapse."
    assert [s.text for s in find_time_expressions(text, REF)] == ["May 2024"]
    assert only("The border has been shut since May.").text == "since May"
    assert only("Officials may meet on May 9.").text == "May 9"
    assert only("Last May, the ministers met.").text == "Last May"
    assert find_time_expressions("The talks may resume; May God help them.", REF) == []


def test_march_and_august_are_months_only_with_a_cue() -> None:
    assert find_time_expressions("Thousands march in Herat every week.", REF) == []
    assert find_time_expressions("March through the streets, they said.", REF) == []
    assert only("Thousands marched in March.").text == "March"
    assert only("The August 2021 takeover changed the region.").text == "August 2021"
    assert find_time_expressions("The August body convened.", REF) == []


# -- one sentence, several expressions -----------------------------------------------------------


def test_expressions_come_in_order_without_overlap() -> None:
    text = "In early 2024 the militia, active since the 1990s, struck twice on 3 and 4 March 2024."
    spans = find_time_expressions(text, REF)
    assert [s.text for s in spans] == ["early 2024", "since the 1990s", "3 and 4 March 2024"]
    ends = [0] + [s.char_end for s in spans]
    assert all(s.char_start >= e for s, e in zip(spans, ends, strict=False))
    for span in spans:
        assert text[span.char_start : span.char_end] == span.text


def test_sentence_time_prefers_the_first_expression() -> None:
    span = sentence_time("In 2018 Tajik officials blamed Tehran, and in 2019 they reconciled.", REF)
    assert span is not None and span.text == "2018"


def test_sentence_time_ignores_durations_and_ages() -> None:
    text = "The 40-year-old commander, who fought for 15 years, was killed on Sunday."
    span = sentence_time(text, REF)
    assert span is not None and span.text == "Sunday"
    assert sentence_time("He served for 20 years as a 45-year-old officer.", REF) is None


def test_sentence_time_uses_now_only_when_nothing_else_dates_the_sentence() -> None:
    span = sentence_time("Iran now backs the group it fought in the 1990s.", REF)
    assert span is not None and span.text == "the 1990s"
    span = sentence_time("Iran now backs the government.", REF)
    assert span is not None and span.start == REF


def test_no_expression_gives_none() -> None:
    assert sentence_time("The two governments exchanged ambassadors.", REF) is None


# -- a document: paragraph carry and the document date ----------------------------------------


def test_time_is_carried_within_a_paragraph_but_not_across() -> None:
    sentences = [
        (0, "During the 1980s, the valley was a battlefield."),
        (0, "Then the commanders made peace."),
        (0, "They fell out again."),
        (1, "The valley is quiet."),
        (2, "In March 2024 a road was built."),
        (2, "Trade followed."),
    ]
    resolved = resolve_times(sentences, REF)
    origins = [origin for _, origin in resolved]
    assert origins == ["sentence", "paragraph", "paragraph", "document", "sentence", "paragraph"]
    assert resolved[1][0] is resolved[0][0]
    assert resolved[1][0] is not None and resolved[1][0].text == "the 1980s"
    assert resolved[5][0] is not None and resolved[5][0].text == "March 2024"


def test_the_document_date_is_the_fallback() -> None:
    resolved = resolve_times([(0, "Ministers met."), (1, "Yesterday they left.")], REF)
    span, origin = resolved[0]
    assert origin == "document"
    assert span is not None and (span.start, span.end, span.precision) == (REF, REF, D)
    assert resolved[1][1] == "sentence"
    assert resolved[1][0] is not None and resolved[1][0].start == date(2025, 11, 19)


def test_without_a_document_date_the_origin_is_none() -> None:
    resolved = resolve_times([(0, "Ministers met."), (0, "They met again in 2012.")], None)
    assert resolved[0] == (None, "none")
    assert resolved[1][1] == "sentence"


# -- bad input --------------------------------------------------------------------------------


def test_bad_input_does_not_crash() -> None:
    assert find_time_expressions("", REF) == []
    assert sentence_time("Die Gespräche fanden am 3. März 2024 statt.", REF) is not None
    table = " ".join(str(1950 + i % 100) for i in range(5000))
    assert find_time_expressions(table, REF) == []
    long = " ".join(["Iran and the Taliban met in 2019 on Saturday and 700,000 returned."] * 500)
    assert len(find_time_expressions(long, REF)) == 1000


def test_a_datetime_reference_is_read_as_its_date() -> None:
    span = only("The envoy left yesterday.", datetime(2025, 11, 20, 18, 30))
    assert span.start == date(2025, 11, 19)
    resolved = resolve_times([(0, "Nothing dated here.")], datetime(2025, 11, 20, 9, 0))
    assert resolved[0][0] is not None and resolved[0][0].start == REF


def test_parts_of_a_month_without_a_year() -> None:
    check("In mid-August the capital fell.", "mid-August", "2025-08-11", "2025-08-20", D)
    check("Rains came in late May.", "late May", "2025-05-21", "2025-05-31", D)
    check(
        "Output fell in the 2nd half of 2024.",
        "the 2nd half of 2024",
        "2024-07-01",
        "2024-12-31",
        M,
    )


def test_recently_is_the_reference_date_and_yields_to_explicit_dates() -> None:
    """Coders date what happened "recently" by the publication date, as "now"."""
    reference = date(2025, 9, 1)
    [span] = find_time_expressions("Before recent tensions, trade grew.", reference)
    assert (span.text, span.start, span.end) == ("recent", reference, reference)
    assert sentence_time("They recently met, as they did in 2019.", reference).text == "2019"
    assert find_time_expressions("A recently-built road.", reference) == []


def test_a_well_known_event_dates_a_sentence() -> None:
    """Not numbers: "the 12-Day War" names a span of 2025, "the Six-Day War" one of 1967."""
    found = find_time_expressions("The Six-Day War and the 12-Day War reshaped the region.", REF)
    assert [(t.start, t.end) for t in found] == [
        (date(1967, 6, 5), date(1967, 6, 10)),
        (date(2025, 6, 13), date(2025, 6, 24)),
    ]
    [after] = find_time_expressions("Ties soured after the U.S. invasion of Iraq.", REF)
    assert after.start == date(2003, 3, 21) and after.text == "after the U.S. invasion of Iraq"
    # a name history repeats is no anchor
    assert find_time_expressions("After the fall of Kabul, talks began.", REF) == []


def test_a_span_up_to_now_and_recently_date_no_event() -> None:
    assert sentence_time("Kenya has shelled the border town since January.", REF) is None
    assert sentence_time("Kenya agreed to buy maize through January.", REF) is None
    recent = sentence_time("After recent talks, Kenya signed the accord.", REF)
    assert recent is not None and (recent.start, recent.end) == (REF, REF)
    span = sentence_time("Since 2021 the two have clashed, and in May 2023 they met.", REF)
    assert span is not None and span.text.lower().endswith("may 2023")
