"""POST data for the page editor, as the browser sends it (StreamFields and inline panels
included), built with Wagtail's own form-data helpers."""

from typing import Any

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def list_block(values: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {"count": str(len(values))}
    for index, value in enumerate(values):
        data[str(index)] = {"value": value, "deleted": "", "order": str(index)}
    return data


def reference(title: str, **fields: Any) -> dict[str, Any]:
    return {
        "title": title,
        "authors": fields.get("authors", ""),
        "source": fields.get("source", ""),
        "year": str(fields.get("year", "")),
        "url": fields.get("url", ""),
        "doi": fields.get("doi", ""),
        "pmid": fields.get("pmid", ""),
        "evidence_level": fields.get("evidence_level", "guideline"),
        "finding": fields.get("finding", ""),
    }


def risk(
    name: str,
    description: str = "",
    *,
    frequency: str = "",
    one_in: int | None = None,
    percent: str = "",
    per: str = "",
    source: dict[str, Any] | None = None,
) -> tuple[str, dict[str, Any]]:
    """A risk block as the editor fills it in, its frequency fields included."""
    return (
        "risk",
        {
            "name": name,
            "description": description,
            "frequency": frequency,
            "one_in": "" if one_in is None else str(one_in),
            "percent": percent,
            "per": per,
            "frequency_source": list_block([source] if source else []),
        },
    )


def step(title: str, description: str, **timing: str) -> tuple[str, dict[str, Any]]:
    """A step block; ``timing`` names any of when, typical_duration, how_often, for_how_long."""
    return (
        "step",
        {
            "title": title,
            "description": rich_text(f"<p>{description}</p>"),
            **{
                name: timing.get(name, "")
                for name in ("when", "typical_duration", "how_often", "for_how_long")
            },
        },
    )


def treatment_form_data(
    *,
    title: str,
    slug: str,
    condition_ids: list[int] = (),
    route_ids: list[int] = (),
    risks: bool = True,
    reference_fields: dict[str, Any] | None = None,
    common_risks: list | None = None,
    serious_risks: list | None = None,
    steps: list | None = None,
    link_fields: dict[str, str] | None = None,
) -> dict[str, Any]:
    """A complete treatment as the editor submits it: every section filled in."""
    risk_items = common_risks or [risk("Soreness where the treatment is given")]
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": f"{title}: a short summary for kiosks.",
            "what_it_is": rich_text("<p>What the treatment is.</p>"),
            "how_it_works": rich_text("<p>How it is thought to work.</p>"),
            "condition_links": inline_formset(
                [
                    {
                        "condition": str(pk),
                        "note": "Limited evidence.",
                        "regulatory_status": "",
                        "guideline_stance": "",
                        "guideline": "",
                        "guideline_url": "",
                        **(link_fields or {}),
                    }
                    for pk in condition_ids
                ]
            ),
            "image": "",
            "image_alt_text": "",
            "benefits": streamfield(
                [
                    (
                        "benefit",
                        {
                            "headline": "Less stiffness",
                            "explanation": rich_text("<p>Some people move more easily.</p>"),
                            "references": list_block(
                                [reference("A trial", **(reference_fields or {}))]
                            ),
                        },
                    )
                ]
            ),
            "common_side_effects": streamfield(risk_items if risks else []),
            "serious_risks": streamfield(serious_risks or []),
            "steps": streamfield(
                steps
                or [
                    step("First visit", "An assessment.", typical_duration="about 30 minutes"),
                    step("Treatment sessions", "Weekly sessions."),
                ]
            ),
            "session_length": "30 minutes",
            "initial_sessions": "Six weekly sessions",
            "maintenance": "",
            "suitable_for": streamfield([("criterion", {"criterion": "Adults", "detail": ""})]),
            "not_suitable_for": streamfield(
                [("criterion", {"criterion": "Recent surgery", "detail": ""})]
            ),
            "faqs": streamfield(
                [("faq", {"question": "Is it painful?", "answer": rich_text("<p>Rarely.</p>")})]
            ),
            "references": streamfield([("reference", reference("A guideline"))]),
            "call_to_action": "Ask your clinic",
            "clinic": "",
            "disclaimer": "",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data["routes"] = [str(pk) for pk in route_ids]
    return data


def condition_form_data(*, title: str, slug: str, code: str = "G90.5") -> dict[str, Any]:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": f"{title} in a sentence.",
            "description": rich_text("<p>A description.</p>"),
            "symptoms": streamfield([("symptom", {"name": "Aching", "description": ""})]),
            "synonyms": inline_formset([{"name": "Another name"}]),
            "codes": inline_formset([{"system": "ICD-10", "code": code}]),
            "image": "",
            "image_alt_text": "",
            "references": streamfield([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )


def simple_page_form_data(*, title: str, slug: str) -> dict[str, Any]:
    return {
        "title": title,
        "slug": slug,
        "intro": rich_text("<p>An introduction.</p>"),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
