"""Issue #17: the seed article's risky sentences are flagged, and hedged, sourced wording is not.

Each phrase the old checker let through is tested as the whole sentence of the article that
holds it, as ``claims.sentences.split_sentences`` splits the article.
"""

import pytest

from claims.checker import check_text
from claims.sentences import split_sentences
from demo.loader import read_source

pytestmark = pytest.mark.django_db

MISSED_BY_THE_PHRASE_LIST = [
    "Effective for Treatment-Resistant Pain:",
    "provide effective pain relief",
    "anti-inflammatory properties make it particularly effective",  # "ketamine’s …"
    "reset\u201d pain pathways",
    "create new, healthier pathways",
    "offers a new avenue of hope",
    "these effects are temporary and typically subside shortly after",
    "sensations are temporary and tend to fade soon",
]

HEDGED_OR_SOURCED = [
    "Ketamine is not a cure for chronic pain.",
    "No treatment is completely safe.",
    "It can be addictive, so it is only given under supervision.",
    "NICE guideline NG193 lists ketamine among the medicines that should not be started for "
    "chronic primary pain.",
    "NICE (NG193, 2021) recommends against starting ketamine for chronic primary pain.",
    "Side effects are usually mild but can include headache, dizziness and, rarely, a seizure.",
    "Some people notice less pain within a week, but for others it takes longer.",
    "In trials, pain relief after an infusion was small and lasted up to about two weeks "
    "(Orhurhu et al., 2019).",
    "Researchers think it may help the brain form new pathways; this has not been shown in "
    "patients.",
    "Ketamine is licensed as an anaesthetic, so using it for chronic pain is off-label.",
    "Acupuncture is not suitable for everyone.",
]


def _sentence_with(phrase: str) -> str:
    sentences = [s for s in split_sentences(read_source("article")) if phrase in s]
    assert len(sentences) == 1, phrase
    return sentences[0]


@pytest.mark.parametrize("phrase", MISSED_BY_THE_PHRASE_LIST)
def test_each_risky_sentence_of_the_seed_article_is_flagged(phrase, rules):
    sentence = _sentence_with(phrase)
    flags = check_text(sentence, rules=rules)
    assert flags, sentence
    for flag in flags:
        assert flag.category_label and flag.matched_text and flag.explanation and flag.reason


@pytest.mark.parametrize("text", HEDGED_OR_SOURCED)
def test_hedged_or_sourced_wording_is_not_flagged(text, rules):
    assert check_text(text, rules=rules) == []
