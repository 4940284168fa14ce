"""Structured facts said in words: a risk's frequency and a step's timing.

Editors enter the facts as fields; patients read sentences. The sentences are built here once,
so the web page, the kiosk, the API and the JSON-LD say exactly the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import pgettext, pgettext_lazy


@dataclass(frozen=True)
class FrequencyBand:
    """A band of the convention used in medicines' product information (EU SmPC, UK PIL)."""

    value: str
    label: str  # lazily translated, as is the meaning
    meaning: str
    # The band's range as "1 in N": N from (exclusive) and up to (inclusive); None is open.
    above: int | None
    up_to: int | None

    def holds(self, one_in: int | Decimal) -> bool:
        return (self.above is None or one_in > self.above) and (
            self.up_to is None or one_in <= self.up_to
        )


# Words patients read: in the document's language, from the clinic's catalogue (context
# "clinical content"), like the choice labels.
FREQUENCY_BANDS = (
    FrequencyBand(
        "very_common",
        pgettext_lazy("clinical content", "Very common"),
        pgettext_lazy("clinical content", "may affect more than 1 in 10 people"),
        None,
        10,
    ),
    FrequencyBand(
        "common",
        pgettext_lazy("clinical content", "Common"),
        pgettext_lazy("clinical content", "may affect up to 1 in 10 people"),
        10,
        100,
    ),
    FrequencyBand(
        "uncommon",
        pgettext_lazy("clinical content", "Uncommon"),
        pgettext_lazy("clinical content", "may affect up to 1 in 100 people"),
        100,
        1_000,
    ),
    FrequencyBand(
        "rare",
        pgettext_lazy("clinical content", "Rare"),
        pgettext_lazy("clinical content", "may affect up to 1 in 1,000 people"),
        1_000,
        10_000,
    ),
    FrequencyBand(
        "very_rare",
        pgettext_lazy("clinical content", "Very rare"),
        pgettext_lazy("clinical content", "may affect up to 1 in 10,000 people"),
        10_000,
        None,
    ),
    FrequencyBand(
        "not_known",
        pgettext_lazy("clinical content", "Not known"),
        pgettext_lazy("clinical content", "how often cannot be estimated from the data"),
        None,
        None,
    ),
)
BANDS = {band.value: band for band in FREQUENCY_BANDS}
FREQUENCY_CHOICES = [(band.value, band.label) for band in FREQUENCY_BANDS]

# The bands are defined on people. A figure counted per session, dose or course is not a rate
# per person, so only such a count is exempt from falling in its band; any other count (people,
# patients, women, children…) must.
NOT_PEOPLE_WORDS = frozenset(
    {"session", "sessions", "course", "courses", "dose", "doses", "infusion", "infusions",
     "injection", "injections", "treatment", "treatments", "procedure", "procedures",
     "cycle", "cycles", "visit", "visits", "operation", "operations", "prescription",
     "prescriptions"}
)  # fmt: skip
DEFAULT_PER = "people"
_END_PUNCTUATION = ".…!?;:, "


def counts_people(per: str) -> bool:
    words = after_of(clause(per or DEFAULT_PER)).lower().split()
    return not words or words[0] not in NOT_PEOPLE_WORDS


def band_for(one_in: int | Decimal) -> FrequencyBand:
    """The band a rate of 1 in ``one_in`` people falls in."""
    return next(band for band in FREQUENCY_BANDS[:-1] if band.holds(one_in))


def one_in_from_percent(percent: Decimal) -> Decimal:
    """12% is 1 in 8.33…: exact, for checking a percentage against the bands."""
    return Decimal(100) / percent


def percent_digits(percent: Decimal) -> str:
    """A percentage as the source gave it, without the zeros a form adds: "12", "0.5"."""
    return format(percent.normalize(), "f")


def frequency_text(
    band: str | None, one_in: int | None, per: str = "", percent: Decimal | None = None
) -> str:
    """``"Rare: about 1 in 30,000 sessions"``, ``"Very common: about 12% of people"``,
    ``"Common: may affect up to 1 in 10 people"``, or ``""`` when no band is given."""
    found = BANDS.get(band or "")
    if found is None:
        return ""
    if found.value == "not_known":
        return pgettext(
            "clinical content", "Frequency not known: how often cannot be estimated from the data"
        )
    if percent:
        sentence = "%(band)s: about %(percent)s%% of %(counted)s"
        translated = pgettext("clinical content", sentence)
        # The language's decimal separator only inside that language's sentence.
        digits = percent_digits(percent)
        number = number_format(Decimal(digits)) if translated != sentence else digits
        return translated % {
            "band": found.label,
            "percent": number,
            "counted": after_of(counted(per)),
        }
    if one_in:
        sentence = "%(band)s: about 1 in %(number)s %(counted)s"
        translated = pgettext("clinical content", sentence)
        # Grouped the language's way only inside that language's sentence: "30.000" in an
        # English sentence reads as thirty.
        number = number_format(one_in, force_grouping=True) if translated != sentence else None
        return translated % {
            "band": found.label,
            "number": number or f"{one_in:,}",
            "counted": counted(per),
        }
    return pgettext("clinical content", "%(band)s: %(meaning)s") % {
        "band": found.label,
        "meaning": found.meaning,
    }


def counted(per: str) -> str:
    """What a figure counts: the editor's words, else people (in the language shown)."""
    return clause(per) or pgettext("clinical content", "people")


def after_of(words: str) -> str:
    """Words to follow "12% of": "of people" typed under "Counted per" would read "12% of of
    people"."""
    return words[3:] if words.lower().startswith("of ") else words


def clause(text: str) -> str:
    """An editor's phrase ready to stand inside a sentence: trimmed, without closing
    punctuation, and its first letter lower-cased unless it starts an acronym ("MRI")."""
    text = (text or "").strip().rstrip(_END_PUNCTUATION).strip()
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def timing_text(
    duration: str = "", how_often: str = "", for_how_long: str = "", when: str = ""
) -> str:
    """A step's timing as sentences a patient reads:
    ``"At week 3. Each session takes about 40 minutes, 5 days a week for 4 to 6 weeks."``"""
    duration, how_often, for_how_long, when = map(clause, (duration, how_often, for_how_long, when))
    words = {"duration": duration, "how_often": how_often, "how_long": for_how_long}
    repeat = how_often
    if how_often and for_how_long:
        repeat = pgettext("clinical content", "%(how_often)s for %(how_long)s") % words
    elif for_how_long and duration:
        repeat = pgettext("clinical content", "over %(how_long)s") % words
    elif for_how_long:
        repeat = pgettext("clinical content", "for %(how_long)s") % words
    takes = ""
    if duration and (how_often or for_how_long):
        takes = pgettext("clinical content", "each session takes %(duration)s") % words
    elif duration:
        takes = pgettext("clinical content", "takes %(duration)s") % words
    sentences = [when, ", ".join(filter(None, (takes, repeat)))]
    return " ".join(f"{capfirst(sentence)}." for sentence in sentences if sentence)
