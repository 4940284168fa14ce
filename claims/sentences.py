"""Plain text into sentences, and the normalisation rules are matched against.

Sentences end at ``.``, ``!`` or ``?`` (followed by a space and a capital letter, a digit or an
opening quote) and at every line or paragraph break, so a heading such as "Non-Addictive:" on
its own line stays a sentence of its own. A short label at the start of a line ("Neuropathic
pain: Pain resulting from …") is split from the text after it, as a heading would be.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Characters replaced before matching, one for one, so rules need not spell out every variant:
# hyphens and dashes join words the way spaces do ("non-addictive" reads as "non addictive"),
# curly quotes are straight quotes. The em dash separates clauses, so it becomes a comma.
_CHARACTER_MAP = {
    "-": " ",
    "\u2010": " ",  # hyphen
    "\u2011": " ",  # non-breaking hyphen
    "\u2012": " ",  # figure dash
    "\u2013": " ",  # en dash
    "\u2014": ",",  # em dash
    "\u2212": " ",  # minus sign
    "\u00ad": "",  # soft hyphen
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00a0": " ",
}

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "eg", "ie", "etc", "dr", "mr", "mrs", "ms", "prof", "st", "vs", "approx",
     "fig", "ref", "cf", "al"}
)  # fmt: skip

_SENTENCE_END = re.compile(
    r"""(?<![.!?])                           # from the start of a run of marks (a match tried
                                             # inside a long run of dots is quadratic)
        (?P<end>[.!?]+["'\u201d\u2019)\]]*)   # terminal punctuation, then closing quotes
        \s+
        (?=["'\u201c\u2018(\[]?[A-Z0-9])      # the next sentence starts with a capital or digit
    """,
    re.VERBOSE,
)
_LEADING_LABEL = re.compile(r"^(?P<label>[^.!?:\n]{1,60}:)\s+(?=[A-Z\"'\u201c])")
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25e6\u2023]|\d{1,2}[.)])\s+")
_WHITESPACE = re.compile(r"\s+")


def normalise_for_matching(sentence: str) -> tuple[str, list[int]]:
    """The sentence as rules see it, and for each of its characters the index it came from.

    Hyphens and dashes become spaces, curly quotes straight ones, and runs of spaces one space;
    the index list maps a match back to the original wording.
    """
    characters: list[str] = []
    origins: list[int] = []
    for index, character in enumerate(sentence):
        replacement = _CHARACTER_MAP.get(character, character)
        for out in replacement:
            if out.isspace():
                if not characters or characters[-1] == " ":
                    continue
                out = " "
            characters.append(out)
            origins.append(index)
    return "".join(characters), origins


def normalise_sentence(sentence: str) -> str:
    """A comparison form of a sentence: matching normalisation, case-folded, trimmed."""
    text, _ = normalise_for_matching(sentence)
    return text.casefold().strip()


def _split_line(line: str) -> Iterator[str]:
    label = _LEADING_LABEL.match(line)
    if label and len(label.group("label").split()) <= 6:
        yield label.group("label")
        line = line[label.end() :]
    start = 0
    for match in _SENTENCE_END.finditer(line):
        before = line[start : match.start("end")]
        last_word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
        if match.group("end") == "." and last_word.rstrip(".") in _ABBREVIATIONS:
            continue
        if match.group("end") == "." and re.fullmatch(r"[A-Za-z]", last_word):
            continue  # an initial, as in "Cohen S. P."
        yield line[start : match.end("end")]
        start = match.end()
    yield line[start:]


def split_sentences(text: str) -> list[str]:
    """Split plain text into sentences with single spaces, dropping list bullets and blanks."""
    sentences = []
    for raw_line in text.splitlines():
        line = _BULLET.sub("", raw_line)
        for sentence in _split_line(_WHITESPACE.sub(" ", line).strip()):
            sentence = sentence.strip()
            if sentence:
                sentences.append(sentence)
    return sentences
