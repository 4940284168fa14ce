"""schema.org JSON-LD, built from a page's API representation (never from the page a second
way), so the API's ``jsonld`` and the web page's embedded JSON-LD are the same object.

A page is a ``MedicalWebPage`` whose ``about`` is a ``MedicalTherapy`` or ``MedicalCondition``;
only properties the content fills are given.

A treatment–condition link is an ``indication`` of the therapy (an ``ApprovedIndication`` when
this use is licensed or the device cleared for it, else a ``TreatmentIndication``) or a
``possibleTreatment`` of the condition, and carries what the link says: the regulatory status of
this use as ``legalStatus`` (text), the note as ``description`` and the guideline's stance as its
``guideline``: ``name`` and ``url`` the guideline, ``guidelineSubject`` the therapy and the
condition, ``description`` the stance. Only a stance of "recommended" makes it a
``MedicalGuidelineRecommendation`` (schema.org: "regarded as efficacious"), which also gives the
stance as ``recommendationStrength``; "may be considered" and "not recommended" are a plain
``MedicalGuideline`` (not a ``MedicalGuidelineContraindication``, which "designates a process as
harmful": a stance against starting a treatment need not say that).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

SCHEMA_ORG = "https://schema.org"

# Regulatory statuses that make a use an ``ApprovedIndication`` ("formally specified or approved
# by a regulatory body"); off-label and investigational uses are not.
APPROVED = frozenset({"licensed", "device_cleared"})


def treatment_jsonld(data: dict[str, Any]) -> dict[str, Any]:
    therapy = {
        "@type": "MedicalTherapy",
        "name": data["title"],
        "description": data["summary"],
        "url": data["url"],
        "indication": [
            _filled(
                {
                    "@type": (
                        "ApprovedIndication"
                        if item["regulatory_status"] in APPROVED
                        else "TreatmentIndication"
                    ),
                    "name": item["title"],
                    "url": item["url"],
                    **_link_facts(item, therapy=data, condition=item),
                }
            )
            for item in data["conditions"]
        ],
        "howPerformed": "\n".join(_how_performed(data)),
        "adverseOutcome": [_risk(risk) for risk in data["risks"]["common"]],
        "seriousAdverseOutcome": [_risk(risk) for risk in data["risks"]["serious"]],
        "contraindication": [
            _entity(
                "MedicalContraindication",
                {"name": item["criterion"], "description": item["detail"]},
            )
            for item in data["eligibility"]["not_suitable_for"]
        ],
    }
    risks = [*data["risks"]["common"], *data["risks"]["serious"]]
    references = [
        *data["references"],
        *(reference for benefit in data["benefits"] for reference in benefit["references"]),
        *(source for risk in risks for source in risk["frequency_source"]),
    ]
    return _web_page(data, therapy, references)


def condition_jsonld(data: dict[str, Any]) -> dict[str, Any]:
    condition = {
        "@type": "MedicalCondition",
        "name": data["title"],
        "description": data["summary"],
        "url": data["url"],
        "alternateName": data["synonyms"],
        "code": [
            {"@type": "MedicalCode", "codeValue": code["code"], "codingSystem": code["system"]}
            for code in data["codes"]
        ],
        "signOrSymptom": [_entity("MedicalSignOrSymptom", symptom) for symptom in data["symptoms"]],
        "possibleTreatment": [
            _filled(
                {
                    "@type": "MedicalTherapy",
                    "name": item["title"],
                    "url": item["url"],
                    **_link_facts(item, therapy=item, condition=data),
                }
            )
            for item in data["treatments"]
        ],
    }
    return _web_page(data, condition, data["references"])


def _link_facts(
    link: dict[str, Any], therapy: dict[str, Any], condition: dict[str, Any]
) -> dict[str, Any]:
    """What a treatment–condition link says (``link`` is the API's item for it), as properties
    of the node that shows the link: ``therapy`` and ``condition`` are the API's data for the
    two pages (their ``title`` and ``url``)."""
    guideline = None
    if link["guideline_stance"] or link["guideline"]:
        recommended = link["guideline_stance"] == "recommended"
        guideline = _filled(
            {
                "@type": "MedicalGuidelineRecommendation" if recommended else "MedicalGuideline",
                "name": link["guideline"],
                "url": link["guideline_url"],
                "description": link["guideline_stance_label"],
                "recommendationStrength": link["guideline_stance_label"] if recommended else None,
                "guidelineSubject": [
                    {"@type": "MedicalTherapy", "name": therapy["title"], "url": therapy["url"]},
                    {
                        "@type": "MedicalCondition",
                        "name": condition["title"],
                        "url": condition["url"],
                    },
                ],
            }
        )
    return {
        "description": link["note"],
        "legalStatus": link["regulatory_status_label"],
        "guideline": guideline,
    }


def _web_page(data: dict[str, Any], about: dict[str, Any], references: Iterable[dict]):
    page: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "MedicalWebPage",
        "url": data["url"],
        "name": data["title"],
        "description": data["summary"],
        "about": _filled(about),
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "dateModified": data["last_updated"],
        "image": (data.get("image") or {}).get("url"),
        "citation": _citations(references),
    }
    if review := data.get("review"):
        page["lastReviewed"] = review["last_reviewed"]
        page["reviewedBy"] = _filled(
            {
                "@type": "Person",
                "name": review["reviewed_by"]["name"],
                "honorificSuffix": review["reviewed_by"]["credentials"],
            }
        )
    return _filled(page)


def _how_performed(data: dict[str, Any]) -> Iterable[str]:
    """How it is given (each way labelled for what it is), then each step with its timing."""
    if data["routes"]:
        ways = "; ".join(f"{way['name']} ({way['kind_label'].lower()})" for way in data["routes"])
        yield f"How it is given: {ways}."
    for step in data["steps"]:
        yield " ".join(
            filter(None, (step["title"] + ".", step["timing_text"], step["description"]["text"]))
        )


def _risk(risk: dict[str, Any]) -> dict[str, Any]:
    """A risk, its frequency said first in its description (schema.org has no property for
    it)."""
    frequency = risk["frequency_text"] + "." if risk["frequency_text"] else ""
    description = " ".join(filter(None, (frequency, risk["description"])))
    return _entity("MedicalEntity", {"name": risk["name"], "description": description})


def _entity(schema_type: str, item: dict[str, Any]) -> dict[str, Any]:
    return _filled({"@type": schema_type, "name": item["name"], "description": item["description"]})


def _citations(references: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    citations = []
    for reference in references:
        key = (reference["title"], reference["best_url"])
        if key in seen:
            continue
        seen.add(key)
        identifiers = [
            {"@type": "PropertyValue", "propertyID": name, "value": reference[field]}
            for name, field in (("DOI", "doi"), ("PMID", "pmid"))
            if reference[field]
        ]
        citations.append(
            _filled(
                {
                    "@type": "CreativeWork",
                    "name": reference["title"],
                    "author": reference["authors"],
                    "publisher": reference["source"],
                    "datePublished": str(reference["year"]) if reference["year"] else None,
                    "url": reference["best_url"],
                    "identifier": identifiers,
                }
            )
        )
    return citations


def _filled(node: dict[str, Any]) -> dict[str, Any]:
    """Only the properties the content fills."""
    return {key: value for key, value in node.items() if value not in (None, "", [], {})}


# The schema of what this module builds, for the OpenAPI document ---------------------------


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": ["@type", *required] if "@type" in properties else list(required),
        "additionalProperties": False,
    }


def _schema_type(*names: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(names)}


_TEXT = {"type": "string"}
_URI = {"type": "string", "format": "uri"}
_ENTITY = _object(
    {
        "@type": _schema_type("MedicalEntity", "MedicalSignOrSymptom", "MedicalContraindication"),
        "name": _TEXT,
        "description": _TEXT,
    },
    ("name",),
)
_GUIDELINE = _object(
    {
        "@type": _schema_type("MedicalGuideline", "MedicalGuidelineRecommendation"),
        "name": _TEXT,
        "url": _URI,
        "description": {**_TEXT, "description": "The guideline's stance."},
        "recommendationStrength": {
            **_TEXT,
            "description": "The stance, on a MedicalGuidelineRecommendation only.",
        },
        "guidelineSubject": {
            "type": "array",
            "items": _object(
                {
                    "@type": _schema_type("MedicalTherapy", "MedicalCondition"),
                    "name": _TEXT,
                    "url": _URI,
                },
                ("name", "url"),
            ),
        },
    },
    ("guidelineSubject",),
)
_LINK_FACTS = {
    "description": {**_TEXT, "description": "The note on this treatment for this condition."},
    "legalStatus": {**_TEXT, "description": "The regulatory status of this use."},
    "guideline": _GUIDELINE,
}
_INDICATION = _object(
    {
        "@type": _schema_type("TreatmentIndication", "ApprovedIndication"),
        "name": _TEXT,
        "url": _URI,
        **_LINK_FACTS,
    },
    ("name", "url"),
)
_POSSIBLE_TREATMENT = _object(
    {"@type": _schema_type("MedicalTherapy"), "name": _TEXT, "url": _URI, **_LINK_FACTS},
    ("name", "url"),
)
_ABOUT_COMMON = {"name": _TEXT, "description": _TEXT, "url": _URI}
_THERAPY = _object(
    {
        "@type": _schema_type("MedicalTherapy"),
        **_ABOUT_COMMON,
        "indication": {"type": "array", "items": _INDICATION},
        "howPerformed": _TEXT,
        "adverseOutcome": {"type": "array", "items": _ENTITY},
        "seriousAdverseOutcome": {"type": "array", "items": _ENTITY},
        "contraindication": {"type": "array", "items": _ENTITY},
    },
    ("name", "url"),
)
_CONDITION = _object(
    {
        "@type": _schema_type("MedicalCondition"),
        **_ABOUT_COMMON,
        "alternateName": {"type": "array", "items": _TEXT},
        "code": {
            "type": "array",
            "items": _object(
                {"@type": _schema_type("MedicalCode"), "codeValue": _TEXT, "codingSystem": _TEXT},
                ("codeValue", "codingSystem"),
            ),
        },
        "signOrSymptom": {"type": "array", "items": _ENTITY},
        "possibleTreatment": {"type": "array", "items": _POSSIBLE_TREATMENT},
    },
    ("name", "url"),
)
_CITATION = _object(
    {
        "@type": _schema_type("CreativeWork"),
        "name": _TEXT,
        "author": _TEXT,
        "publisher": _TEXT,
        "datePublished": _TEXT,
        "url": _TEXT,
        "identifier": {
            "type": "array",
            "items": _object(
                {"@type": _schema_type("PropertyValue"), "propertyID": _TEXT, "value": _TEXT},
                ("propertyID", "value"),
            ),
        },
    },
    ("name",),
)

JSONLD_SCHEMA = {
    **_object(
        {
            "@context": _schema_type(SCHEMA_ORG),
            "@type": _schema_type("MedicalWebPage"),
            "url": _URI,
            "name": _TEXT,
            "description": _TEXT,
            "about": {"oneOf": [_THERAPY, _CONDITION]},
            "medicalAudience": _object(
                {"@type": _schema_type("MedicalAudience"), "audienceType": _TEXT},
                ("audienceType",),
            ),
            "dateModified": {"type": "string", "format": "date-time"},
            "image": _URI,
            "citation": {"type": "array", "items": _CITATION},
            "lastReviewed": {"type": "string", "format": "date"},
            "reviewedBy": _object(
                {"@type": _schema_type("Person"), "name": _TEXT, "honorificSuffix": _TEXT},
                ("name",),
            ),
        },
        ("@context", "url", "name", "about"),
    ),
    "description": (
        "schema.org JSON-LD: a MedicalWebPage whose `about` is the MedicalTherapy or "
        "MedicalCondition, with the properties the content fills. The web page embeds the same "
        "object in a script element."
    ),
}
