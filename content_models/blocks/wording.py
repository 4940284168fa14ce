"""Structured facts said in words: a risk's frequency and a step's timing.

Editors enter the facts as fields; patients read sentences. The sentences are built here once,
so the web page, the kiosk, the API and the JSON-LD say exactly the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import capfirst


@dataclass(frozen=True)
class FrequencyBand:
    """A band of the convention used in medicines' product information (EU SmPC, UK PIL)."""

    value: str
    label: str
    meaning: str
    # The band's range as "1 in N": N from (exclusive) and up to (inclusive); None is open.
    above: int | None
    up_to: int | None

    def holds(self, one_in: int) -> bool:
        return (self.above is None or one_in > self.above) and (
            self.up_to is None or one_in <= self.up_to
        )


FREQUENCY_BANDS = (
    FrequencyBand("very_common", "Very common", "may affect more than 1 in 10 people", None, 10),
    FrequencyBand("common", "Common", "may affect up to 1 in 10 people", 10, 100),
    FrequencyBand("uncommon", "Uncommon", "may affect up to 1 in 100 people", 100, 1_000),
    FrequencyBand("rare", "Rare", "may affect up to 1 in 1,000 people", 1_000, 10_000),
    FrequencyBand("very_rare", "Very rare", "may affect up to 1 in 10,000 people", 10_000, None),
    FrequencyBand(
        "not_known", "Not known", "how often cannot be estimated from the data", None, None
    ),
)
BANDS = {band.value: band for band in FREQUENCY_BANDS}
FREQUENCY_CHOICES = [(band.value, band.label) for band in FREQUENCY_BANDS]

# A count "per people" is what the bands are defined on; per session or per course it is not,
# so only then must the band and the "1 in N" agree.
PEOPLE_WORDS = frozenset({"people", "patients", "persons", "adults", "children"})
DEFAULT_PER = "people"


def counts_people(per: str) -> bool:
    words = (per or DEFAULT_PER).split()
    return bool(words) and words[0].lower() in PEOPLE_WORDS


def band_for(one_in: int) -> FrequencyBand:
    """The band a rate of 1 in ``one_in`` people falls in."""
    return next(band for band in FREQUENCY_BANDS[:-1] if band.holds(one_in))


def frequency_text(band: str | None, one_in: int | None, per: str = "") -> str:
    """``"Rare: about 1 in 30,000 sessions"``, ``"Common: may affect up to 1 in 10 people"``,
    or ``""`` when no band is given."""
    found = BANDS.get(band or "")
    if found is None:
        return ""
    if found.value == "not_known":
        return "Frequency not known: how often cannot be estimated from the data"
    if one_in:
        return f"{found.label}: about 1 in {one_in:,} {(per or DEFAULT_PER).strip()}"
    return f"{found.label}: {found.meaning}"


def _clause(text: str) -> str:
    return (text or "").strip().rstrip(".").strip()


def timing_text(
    duration: str = "", how_often: str = "", for_how_long: str = "", when: str = ""
) -> str:
    """A step's timing as sentences a patient reads:
    ``"At week 3. Each session takes about 40 minutes, 5 days a week for 4 to 6 weeks."``"""
    duration, how_often, for_how_long, when = map(
        _clause, (duration, how_often, for_how_long, when)
    )
    repeat = " for ".join(filter(None, (how_often, for_how_long)))
    if for_how_long and not how_often:
        repeat = f"for {for_how_long}"
    takes = ""
    if duration:
        takes = f"{'each session takes' if how_often else 'takes'} {duration}"
    sentences = [when, ", ".join(filter(None, (takes, repeat)))]
    return " ".join(f"{capfirst(sentence)}." for sentence in sentences if sentence)
