"""The kiosk app's own words: its headings, buttons, cues, the footer's review line and the
"Still reading?" dialog (the content comes translated in each language's bundle).

Marked for translation with the context "kiosk", so a clinic's catalogue (``makemessages``,
``compilemessages``, ``LOCALE_PATHS``) translates them as it does the public pages' words. The
kiosk page carries every content language's translations at once (``data-words``), so that
its language switch works offline; a word a catalogue leaves out stays English, marked so.
Each key is the English text, as the app's scripts write it; ``{name}`` is filled in by them.
"""

from __future__ import annotations

import re

from django.utils import translation
from django.utils.translation import pgettext_lazy

WORDS = {
    # The frame
    "Back": pgettext_lazy("kiosk", "Back"),
    "Home": pgettext_lazy("kiosk", "Home"),
    "Larger text": pgettext_lazy("kiosk", "Larger text"),
    "on": pgettext_lazy("kiosk: the larger text toggle is on", "on"),
    "Patient information": pgettext_lazy("kiosk", "Patient information"),
    "{site}: patient information": pgettext_lazy("kiosk", "{site}: patient information"),
    "Loading…": pgettext_lazy("kiosk", "Loading…"),
    # Written by the page itself, for a browser without JavaScript
    "This screen needs JavaScript to show information.": pgettext_lazy(
        "kiosk", "This screen needs JavaScript to show information."
    ),
    "More below": pgettext_lazy("kiosk", "More below"),
    "Still reading?": pgettext_lazy("kiosk", "Still reading?"),
    "To keep your reading private, this screen will go back to the start in {seconds} seconds.": (
        pgettext_lazy(
            "kiosk",
            "To keep your reading private, this screen will go back to the start in "
            "{seconds} seconds.",
        )
    ),
    "Carry on": pgettext_lazy("kiosk", "Carry on"),
    # Home
    "Information for patients": pgettext_lazy("kiosk", "Information for patients"),
    "Touch a topic to read about it.": pgettext_lazy("kiosk", "Touch a topic to read about it."),
    "There is no information to show at the moment.": pgettext_lazy(
        "kiosk", "There is no information to show at the moment."
    ),
    "Language": pgettext_lazy("kiosk", "Language"),
    "Treatments": pgettext_lazy("kiosk", "Treatments"),
    "Conditions": pgettext_lazy("kiosk", "Conditions"),
    # A treatment
    "About {title}": pgettext_lazy("kiosk", "About {title}"),
    "Benefits, side effects and risks": pgettext_lazy("kiosk", "Benefits, side effects and risks"),
    "What happens, step by step": pgettext_lazy("kiosk", "What happens, step by step"),
    "Is this right for me?": pgettext_lazy("kiosk", "Is this right for me?"),
    "Contact the clinic": pgettext_lazy("kiosk", "Contact the clinic"),
    "Read this on your phone": pgettext_lazy("kiosk", "Read this on your phone"),
    "Used for": pgettext_lazy("kiosk", "Used for"),
    "How it is given": pgettext_lazy("kiosk", "How it is given"),
    "Guidance:": pgettext_lazy("kiosk", "Guidance:"),
    "Licensing:": pgettext_lazy("kiosk", "Licensing:"),
    # Benefits, side effects and risks
    "Please ask the clinic about the benefits, side effects and risks.": pgettext_lazy(
        "kiosk", "Please ask the clinic about the benefits, side effects and risks."
    ),
    "Think about the possible benefits together with the side effects and risks.": (
        pgettext_lazy(
            "kiosk", "Think about the possible benefits together with the side effects and risks."
        )
    ),
    "Possible benefits": pgettext_lazy("kiosk", "Possible benefits"),
    "Side effects and risks": pgettext_lazy("kiosk", "Side effects and risks"),
    "Common side effects": pgettext_lazy("kiosk", "Common side effects"),
    "Serious risks": pgettext_lazy("kiosk", "Serious risks"),
    "Source:": pgettext_lazy("kiosk", "Source:"),
    # Steps
    "Step {number} of {count}": pgettext_lazy("kiosk", "Step {number} of {count}"),
    "Previous step": pgettext_lazy("kiosk", "Previous step"),
    "Next step": pgettext_lazy("kiosk", "Next step"),
    "Done": pgettext_lazy("kiosk", "Done"),
    # Is this right for me?
    "Talk to a clinician about whether it is right for you.": pgettext_lazy(
        "kiosk", "Talk to a clinician about whether it is right for you."
    ),
    "It may suit": pgettext_lazy("kiosk", "It may suit"),
    "It may not suit": pgettext_lazy("kiosk", "It may not suit"),
    # Contact
    "Phone": pgettext_lazy("kiosk", "Phone"),
    "Email": pgettext_lazy("kiosk", "Email"),
    "Address": pgettext_lazy("kiosk", "Address"),
    "Opening hours": pgettext_lazy("kiosk", "Opening hours"),
    "Book online": pgettext_lazy("kiosk", "Book online"),
    "QR code: {url}": pgettext_lazy("kiosk", "QR code: {url}"),
    "Scan this code with your phone's camera to read this page on your phone:": pgettext_lazy(
        "kiosk", "Scan this code with your phone's camera to read this page on your phone:"
    ),
    # A condition
    "Symptoms": pgettext_lazy("kiosk", "Symptoms"),
    # The footer
    "This is general information, not medical advice.": pgettext_lazy(
        "kiosk", "This is general information, not medical advice."
    ),
    "Last reviewed {date}": pgettext_lazy("kiosk", "Last reviewed {date}"),
    "Next review due {date}": pgettext_lazy("kiosk", "Next review due {date}"),
    "Not signed off: a draft, not shown to patients": pgettext_lazy(
        "kiosk", "Not signed off: a draft, not shown to patients"
    ),
    "Review due soon": pgettext_lazy("kiosk", "Review due soon"),
    "Review overdue": pgettext_lazy("kiosk", "Review overdue"),
    "The original version of this page was updated more recently than this translation": (
        pgettext_lazy(
            "kiosk",
            "The original version of this page was updated more recently than this translation",
        )
    ),
}


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def words_by_language(codes: list[str]) -> dict[str, dict[str, str]]:
    """For each language, the words its catalogue translates (English key → its text). A
    translation that drops or renames a ``{placeholder}`` is left out (the word stays
    English): the app fills placeholders with the countdown, a date or a title."""
    translated: dict[str, dict[str, str]] = {}
    for code in codes:
        with translation.override(code):
            texts = {key: str(word) for key, word in WORDS.items()}
        translated[code] = {
            key: text
            for key, text in texts.items()
            if text != key and _placeholders(text) == _placeholders(key)
        }
    return translated


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))
