"""Seed the default claim rules.

The rules are written out here, not imported from the live code, so that later edits to the
defaults (or to rules in the admin) never change what this migration did. Idempotent by name:
a rule that already exists is left as it is.

Patterns are matched case-insensitively on whole words, after hyphens and dashes in the text
have become spaces and curly quotes straight ones (see ClaimRule.pattern's help text).
"""

from django.db import migrations

NEGATION = r"(does not|doesn't|do not|don't|will not|won't|cannot|can't|never|not)"

RULES = [
    # Absolute safety or tolerability -------------------------------------------------------
    {
        "name": "absolute-safety",
        "category": "safety",
        "pattern": (
            r"(completely|totally|entirely|perfectly|absolutely|fully|always|very|extremely"
            r"|100 ?%) safe|safe and effective"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "No treatment is completely safe. Say what the risks are and how often they "
            "happen, rather than calling the treatment safe."
        ),
    },
    {
        "name": "no-side-effects",
        "category": "safety",
        "pattern": (
            r"(no|zero|without( any)?|free (of|from)( any)?)( known| serious| major| significant"
            r"| harmful| nasty| unwanted| lasting)? (side effects?|adverse (effects?|reactions?)"
            r"|risks?|complications?|dangers?|downtime|recovery time|scarring|bruising)"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "Every treatment can have side effects. Name the common and serious ones, with how "
            "often they happen, instead of saying there are none."
        ),
    },
    {
        "name": "minimal-side-effects",
        "category": "safety",
        "pattern": (
            r"(minimal|negligible|very few|(?<!a )few|hardly any|virtually no|almost no"
            r"|little or no|barely any) (side effects?|adverse effects?|risks?|complications?"
            r"|downsides?)"
        ),
        "suppress_if_negated": False,
        "explanation": (
            "Understates the side effects. List the common and serious side effects and how "
            "often they happen, and let the reader judge."
        ),
    },
    {
        "name": "risk-free",
        "category": "safety",
        "pattern": r"risk ?free|harmless|danger ?free|hazard ?free",
        "suppress_if_negated": True,
        "explanation": "No treatment is free of risk. Describe the risks instead.",
    },
    {
        "name": "painless",
        "category": "safety",
        "pattern": (
            r"pain ?less(ly)?|pain ?free|(does not|doesn't|will not|won't|never) hurt"
            r"|(no|without) (pain|discomfort) at all"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "Promises no pain or discomfort. Say what people usually feel during and after the "
            "treatment, and what helps."
        ),
    },
    {
        "name": "suitable-for-everyone",
        "category": "safety",
        "pattern": (
            r"(suitable|safe|right|appropriate|ideal) for (everyone|everybody|anyone"
            r"|all( (patients|ages|people|adults))?|the whole family|all the family"
            r"|any age|people of all ages)"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "No treatment suits everyone. Say who it may suit and who should not have it "
            "(contraindications)."
        ),
    },
    # Denials of a risk ----------------------------------------------------------------------
    {
        "name": "non-addictive",
        "category": "risk_denial",
        "pattern": (
            r"non ?addictive|non ?habit ?forming|(not|never) (be )?(addictive|habit ?forming)"
            r"|(no|without( any)?|(does|do) not have( any)?|(doesn't|don't) have( any)?) "
            r"addictive (properties|potential|qualities|effects?)"
            r"|(cannot|can't|won't|will not|don't|do not|not|never) (get|become) "
            r"(addicted|dependent|hooked)"
        ),
        "suppress_if_negated": False,
        "explanation": (
            "Denies a risk of addiction or misuse. Check the evidence and the regulatory "
            "label: many medicines that act on the brain can be misused or cause dependence."
        ),
    },
    {
        "name": "denies-addiction",
        "category": "risk_denial",
        "pattern": NEGATION
        + (
            r"( \w+){0,4}? (cause|causes|lead to|leads to|result in|results in|create|creates)"
            r"( \w+)? (addiction|dependence|dependency|withdrawal|tolerance)"
        ),
        "suppress_if_negated": False,
        "explanation": (
            "Denies a risk of addiction or dependence. Check the evidence and the regulatory "
            "label, and state the real risk."
        ),
    },
    {
        "name": "no-risk-of",
        "category": "risk_denial",
        "pattern": r"(no|zero|without( any)?|free from( any)?) (risk|chance|danger|possibility) of",
        "suppress_if_negated": False,
        "explanation": (
            "Denies a risk outright. Check the evidence: state how likely the risk is, rather "
            "than saying there is none."
        ),
    },
    {
        "name": "no-interactions",
        "category": "risk_denial",
        "pattern": (
            r"(no|without( any)?) (drug |known )?interactions?"
            r"|with any (other )?(medicines?|medications?|drugs?|treatments?)"
            r"|without (worrying|worry|concern) about"
        ),
        "suppress_if_negated": False,
        "explanation": (
            "Denies interactions with other medicines. Check the label for interactions and "
            "tell readers to mention all their medicines to the prescriber."
        ),
    },
    {
        "name": "denies-breathing-effects",
        "category": "risk_denial",
        "pattern": NEGATION
        + r" (suppress|depress|slow( down)?|affect|stop|interfere with)( your)? (breathing|respiration)",
        "suppress_if_negated": False,
        "explanation": (
            "Denies an effect on breathing. Many sedating or pain medicines can slow breathing "
            "at high doses: check the label and say how patients are monitored."
        ),
    },
    {
        "name": "denies-harm",
        "category": "risk_denial",
        "pattern": (
            NEGATION
            + r"( \w+){0,2}? (harm|damage|injure|hurt|sting|irritate|upset|burn|bruise|scar"
            r"|weaken|thin)\w*"
            r"|"
            + NEGATION
            + r"( \w+){0,4}? (cause|causes|lead to|result in|give you|affect)( \w+){0,2} "
            r"(bleeding|liver|kidneys?|heart|stomach|bones?|memory|fertility|baby"
            r"|side effects?|harm|damage|drowsiness|infections?|scarring|problems"
            r"|complications)"
            r"|(won't|will not|does not|doesn't|do not|don't|never) make you (drowsy|sleepy"
            r"|sick|tired|ill)"
        ),
        "suppress_if_negated": False,
        "explanation": (
            "Denies a harm or side effect. Check the evidence and the label; if the risk is "
            "small, say how small rather than denying it."
        ),
    },
    # Cures and guarantees -------------------------------------------------------------------
    {
        "name": "cure",
        "category": "cure",
        "pattern": r"cur(e|es|ed|ing)|curative|revers(es|ing) (the )?(condition|disease|damage)"
        r"|revers(es|ing)( \w+){0,2} (diabetes|arthritis|ageing|aging|disease)",
        "suppress_if_negated": True,
        "explanation": (
            "Claims a cure. Most treatments for long-term conditions reduce symptoms for some "
            "people; say what the evidence shows, for whom and for how long."
        ),
    },
    {
        "name": "guarantee",
        "category": "cure",
        "pattern": (
            r"guarantee(s|d)?|guaranteeing|(always|sure to|certain to) work|works every time"
            r"|works for (everyone|everybody)"
            r"|(total|complete|full|absolute) (protection|immunity|relief|pain relief)"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "Guarantees a result. Results vary from person to person: say how many people "
            "benefit and by how much."
        ),
    },
    {
        "name": "hundred-percent",
        "category": "cure",
        "pattern": r"100 ?%|100 per ?cent|one hundred per ?cent",
        "suppress_if_negated": True,
        "explanation": (
            "An absolute figure (100%) is almost never supported. Give the figure from the "
            "evidence, with its source."
        ),
    },
    {
        "name": "permanent-results",
        "category": "cure",
        "pattern": (
            r"permanent(ly)? (results?|relief|pain relief|cure|fix|solution|improvements?"
            r"|effects?|benefits?|recovery)"
            r"|(results?|relief|effects?|benefits?|improvements?) (are|is|will be|remain) "
            r"permanent"
            r"|permanently (cur|fix|eliminat|remov|reliev|restor|end|stop|solv)\w*"
            r"|for good|once and for all|(long )?lasting (pain )?(relief|results?)"
            r"|lasts? (a lifetime|for life)|forever"
            r"|life ?long (results?|relief|cure|protection|immunity)"
            r"|never (comes?|coming) back|never returns?"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "Promises a permanent or lasting result. Say how long the effect lasted in the "
            "evidence, and that it may wear off."
        ),
    },
    {
        "name": "complete-recovery",
        "category": "cure",
        "pattern": (
            r"(completely|fully|entirely|totally) (restor|revers|eliminat|eradicat|remov|heal"
            r"|resolv)\w*"
            r"|(restor|revers|eliminat|eradicat)\w*( \w+){0,3} (completely|fully|entirely"
            r"|totally)"
            r"|(went|go|goes|gone|disappear\w*|vanish\w*|clear\w*)( away)? (completely"
            r"|entirely|totally)"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "Promises complete recovery. Say what improvement the evidence shows and for how "
            "many people."
        ),
    },
    # Promises of speed ----------------------------------------------------------------------
    {
        "name": "instant-results",
        "category": "speed",
        "pattern": (
            r"instant(ly|aneous|aneously)?|immediate( \w+){0,3} (relief|results?|effects?"
            r"|improvement)"
            r"|(works?|acts?) (immediately|straight away|at once)"
            r"|overnight (results?|relief|success)"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "Promises an immediate effect. Say when people usually notice a change, if at all, "
            "according to the evidence."
        ),
    },
    {
        "name": "within-minutes-or-hours",
        "category": "speed",
        "pattern": (
            r"(relief|results?|works?|working|effects?|better|improvements?|improves?|eases?"
            r"|acts?)( \w+){0,4} within (seconds|minutes|moments|hours|(a|an|one|a few) "
            r"(seconds?|minutes?|hours?))"
            r"|in (just|only|as little as) (a few|an?|\d+|one|two|three|four|five|ten|fifteen"
            r"|twenty|thirty) (seconds?|minutes?|hours?|days?|sessions?)"
            r"|(works?|relief|results?|effects?|improvements?) (from|after|on) the (very )?"
            r"first (day|dose|session|treatment|injection|visit)"
            r"|(in|within) (seconds|moments)|in (minutes|hours)"
            r"|after (just|only) (one|a single|1|two|a few) (sessions?|treatments?|doses?"
            r"|visits?|appointments?)"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "Promises a fast effect. Check how soon an effect was seen in the evidence, how "
            "large it was and how long it lasted."
        ),
    },
    {
        "name": "rapid-relief",
        "category": "speed",
        "pattern": (
            r"(rapid|fast|quick|speedy|swift)( \w+)? (relief|results?|effects?|acting"
            r"|recovery|improvement|action)"
            r"|(works?|acts?) (fast|quickly|rapidly)"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "Promises a fast effect. Check how soon an effect was seen in the evidence, how "
            "large it was and how long it lasted."
        ),
    },
    # Comparisons with other treatments ------------------------------------------------------
    {
        "name": "unlike-other-treatments",
        "category": "comparison",
        "pattern": r"unlike( \w+){1,3}",
        "suppress_if_negated": True,
        "explanation": (
            "Compares the treatment with others. A comparison needs evidence that compares "
            "them directly, and must not put readers off a treatment they need."
        ),
    },
    {
        "name": "safer-or-better-than",
        "category": "comparison",
        "pattern": (
            r"(safer|gentler|healthier|kinder|less (risky|harmful|invasive|addictive|toxic)"
            r"|more (effective|natural|powerful)|superior) (than|to)"
            r"|(works|is|are) better than"
            r"|fewer (side effects|risks|complications) than"
            r"|the (best|safest|most effective|only effective|gold standard|number one) "
            r"(treatment|option|choice|way|therapy|cure|medicine|solution)"
            r"|(safer|better|gentler|healthier|natural|drug ?free|safe)( \w+){0,2} "
            r"(option|alternative|choice)"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "Claims the treatment is safer or better than others. This needs evidence from a "
            "direct comparison, and the other treatment's risks must be described fairly."
        ),
    },
    # Claims of proof -------------------------------------------------------------------------
    {
        "name": "proven",
        "category": "proven",
        "pattern": (
            r"(clinically|scientifically|medically|doctor|science|research|evidence) ?"
            r"(proven|tested|shown|validated|backed|demonstrated)"
            r"|(studies|research|trials|science|evidence) (proves?|(has|have) (been )?"
            r"(proven|shown|demonstrated))"
            r"|proven (to|results?|effective|method|treatment|benefits?|way|solution)"
            r"|(is|are|has been|have been) proven|proof that it works"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "Claims proof. Evidence supports or suggests; cite the studies and say how strong "
            "the evidence is."
        ),
    },
    # Regulatory claims -----------------------------------------------------------------------
    {
        "name": "regulator-approval",
        "category": "regulatory",
        "pattern": (
            r"(fda|mhra|ema|tga|nice|nhs|ce|government|officially|doctor|clinically) "
            r"(approved|cleared|licensed"
            r"|authori[sz]ed|endorsed|certified|marked)"
            r"|(approved|cleared|licensed|authori[sz]ed|endorsed) by (the )?(fda|mhra|ema|tga"
            r"|nice|nhs|food and drug administration|government)"
            r"|(fda|mhra|ema|tga) (approval|clearance|licen[cs]e)"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "A regulator's approval covers specific uses. Check that it covers this use; an "
            "off-label use is not approved and the text must say so."
        ),
    },
    # Miracles and breakthroughs ------------------------------------------------------------
    {
        "name": "miracle",
        "category": "hype",
        "pattern": (
            r"miracles?|miraculous(ly)?|wonder (drugs?|cures?|treatments?|pills?)"
            r"|magic (bullets?|cures?|pills?)"
        ),
        "suppress_if_negated": True,
        "explanation": "Promotional wording. Describe what the treatment does, plainly.",
    },
    {
        "name": "breakthrough",
        "category": "hype",
        "pattern": (
            r"break ?through(s)?|ground ?breaking|revolutionar(y|ily)|revolutioni[sz]\w*"
            r"|game ?chang(er|ers|ing)|life ?changing|cutting ?edge|transformative"
            r"|transforming the way|state of the art|pioneering"
        ),
        "suppress_if_negated": True,
        "explanation": (
            "Promotional wording that overstates novelty or effect. Describe what the "
            "treatment does and how strong the evidence is."
        ),
    },
]


def seed_rules(apps, schema_editor):
    ClaimRule = apps.get_model("claims", "ClaimRule")
    for rule in RULES:
        ClaimRule.objects.get_or_create(
            name=rule["name"], defaults={key: value for key, value in rule.items() if key != "name"}
        )


def remove_rules(apps, schema_editor):
    ClaimRule = apps.get_model("claims", "ClaimRule")
    ClaimRule.objects.filter(name__in=[rule["name"] for rule in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(seed_rules, remove_rules)]
