"""Sentence splitting and the normalisation rules are matched against."""

from claims.sentences import normalise_for_matching, normalise_sentence, split_sentences


def test_splits_on_full_stops_question_and_exclamation_marks():
    text = "Ketamine is an anaesthetic. Is it licensed? No. Contact us today!"
    assert split_sentences(text) == [
        "Ketamine is an anaesthetic.",
        "Is it licensed?",
        "No.",
        "Contact us today!",
    ]


def test_every_line_break_ends_a_sentence_so_headings_stand_alone():
    text = "Non-Addictive:\nUnlike opioids, it is safe.\n\nMinimal Side Effects\nSome text here"
    assert split_sentences(text) == [
        "Non-Addictive:",
        "Unlike opioids, it is safe.",
        "Minimal Side Effects",
        "Some text here",
    ]


def test_a_short_label_at_the_start_of_a_line_is_split_like_a_heading():
    assert split_sentences("Neuropathic pain: Pain resulting from nerve damage.") == [
        "Neuropathic pain:",
        "Pain resulting from nerve damage.",
    ]
    # Not a label: a lower-case continuation, or a long clause.
    assert split_sentences("Common side effects include: nausea and dizziness.") == [
        "Common side effects include: nausea and dizziness."
    ]


def test_abbreviations_initials_and_decimals_do_not_end_a_sentence():
    text = "Ask Dr. Smith about it, e.g. Paracetamol or 1.5 mg doses. Cohen S. P. wrote it."
    assert split_sentences(text) == [
        "Ask Dr. Smith about it, e.g. Paracetamol or 1.5 mg doses.",
        "Cohen S. P. wrote it.",
    ]


def test_closing_quotes_stay_with_their_sentence_and_bullets_are_dropped():
    text = "- “It worked.” She said so.\n• Second item\n2. Third item"
    assert split_sentences(text) == ["“It worked.”", "She said so.", "Second item", "Third item"]


def test_normalisation_reads_hyphens_as_spaces_and_maps_back_to_the_original():
    sentence = "It’s non\u2011addictive  and   pain-free."
    normalised, origins = normalise_for_matching(sentence)
    assert normalised == "It's non addictive and pain free."
    start = normalised.index("non addictive")
    end = start + len("non addictive")
    assert sentence[origins[start] : origins[end - 1] + 1] == "non\u2011addictive"


def test_the_comparison_form_ignores_case_spacing_hyphens_and_quote_marks():
    assert normalise_sentence("  Non-Addictive:  ") == normalise_sentence("non addictive:")
    assert normalise_sentence("“I felt it”") == normalise_sentence('"i felt it"')


def test_a_run_of_marks_ends_a_sentence_once_where_it_starts():
    """The end is matched from the start of a run of marks (matching from inside a long run of
    dots, as a table of contents' leaders, took time quadratic in its length)."""
    assert split_sentences("Wait... Really?! Yes. " + "." * 5000 + " Next") == [
        "Wait...",
        "Really?!",
        "Yes. " + "." * 5000,  # the dots start no sentence: no capital
        "Next",
    ]
