"""A risk's frequency and a step's timing, said in the words every surface shows."""

from decimal import Decimal

import pytest

from content_models.blocks.clinical import RiskBlock
from content_models.blocks.wording import (
    band_for,
    counts_people,
    frequency_text,
    one_in_from_percent,
    timing_text,
)


@pytest.mark.parametrize(
    ("one_in", "band"),
    [
        (2, "very_common"),
        (10, "very_common"),  # 1 in 10 is "very common" (at least 1 in 10)
        (11, "common"),
        (100, "common"),
        (101, "uncommon"),
        (1_000, "uncommon"),
        (1_001, "rare"),
        (10_000, "rare"),
        (10_001, "very_rare"),
    ],
)
def test_a_rate_falls_in_the_product_information_band(one_in, band):
    assert band_for(one_in).value == band


def test_a_frequency_is_said_with_its_figure_or_the_bands_meaning():
    assert frequency_text("rare", 30_000, "sessions") == "Rare: about 1 in 30,000 sessions"
    assert frequency_text("common", 20) == "Common: about 1 in 20 people"
    assert frequency_text("very_rare", None) == "Very rare: may affect up to 1 in 10,000 people"
    assert frequency_text("not_known", None).startswith("Frequency not known")
    assert frequency_text("", None) == frequency_text(None, 5) == ""


def test_a_percentage_is_said_as_the_source_gives_it():
    """Not turned into "about 1 in 8" (12.5%): the reviewer checks the figure in the source."""
    assert (
        frequency_text("very_common", None, "patients in anaesthesia", Decimal("12.000"))
        == "Very common: about 12% of patients in anaesthesia"
    )
    assert frequency_text("uncommon", None, "", Decimal("0.50")) == "Uncommon: about 0.5% of people"
    assert frequency_text("common", None, "of people", Decimal(5)) == "Common: about 5% of people"


@pytest.mark.parametrize(
    ("stored", "digits"),
    [(12, "12"), ("12.00", "12"), (12.3, "12.3"), (0.1, "0.1"), ("1E+2", "100"), ("", "None")],
)
def test_a_percentage_is_held_as_its_digits_however_it_was_stored_or_typed(stored, digits):
    """A float from JSON (0.1 is 0.1000000000000000055… in binary) or the form's "1e2" is held
    as the digits a reviewer and a patient read."""
    block = RiskBlock()
    value = block.to_python({"frequency": "common", "percent": stored})
    assert str(value["percent"]) == digits
    assert str(block.child_blocks["percent"].clean(str(stored))) == digits


@pytest.mark.parametrize(
    ("percent", "band"),
    [("100", "very_common"), ("10", "very_common"), ("9.9", "common"), ("1", "common"),
     ("0.99", "uncommon"), ("0.1", "uncommon"), ("0.01", "rare"), ("0.0099", "very_rare")],
)  # fmt: skip
def test_a_percentage_falls_in_the_band_its_rate_does(percent, band):
    assert band_for(one_in_from_percent(Decimal(percent))).value == band


def test_every_count_but_of_sessions_doses_or_courses_is_held_to_the_bands():
    assert counts_people("") and counts_people("people given it as an anaesthetic")
    assert counts_people("Patients") and counts_people("women.") and counts_people("of people")
    assert not counts_people("sessions") and not counts_people("Doses.")
    assert not counts_people("of sessions")  # read as "12% of sessions"


def test_a_figure_is_said_without_the_editors_closing_punctuation():
    assert frequency_text("rare", 30_000, "Sessions.") == "Rare: about 1 in 30,000 sessions"
    assert frequency_text("rare", 30_000, " MRI scans ") == "Rare: about 1 in 30,000 MRI scans"


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        ({}, ""),
        ({"duration": "about 45 minutes to an hour"}, "Takes about 45 minutes to an hour."),
        (
            {
                "duration": "about 40 minutes",
                "how_often": "5 days a week",
                "for_how_long": "4 to 6 weeks",
            },
            "Each session takes about 40 minutes, 5 days a week for 4 to 6 weeks.",
        ),
        ({"how_often": "once a week."}, "Once a week."),
        ({"for_how_long": "6 weeks"}, "For 6 weeks."),
        (
            {"duration": "About 40 minutes…", "for_how_long": "4 to 6 weeks"},
            "Each session takes about 40 minutes, over 4 to 6 weeks.",
        ),
        ({"when": "at week 3", "duration": "10 minutes"}, "At week 3. Takes 10 minutes."),
    ],
)
def test_a_steps_timing_reads_as_sentences(fields, sentence):
    assert timing_text(**fields) == sentence
