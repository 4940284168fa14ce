"""Seed the default word families and language rules, and retire the seeded pattern rules.

The data is written out here, not imported from live code, so later edits to the defaults (or
to rules in the admin) never change what this migration did. Idempotent by name: a family or
rule that already exists is left as it is.

The pattern rules that 0002 seeded are replaced by language rules that cover their wording and
generalise beyond it. A seeded rule still exactly as 0002 wrote it is deleted; one an admin has
edited, and every rule an admin added, stays as it is and keeps working as a pattern rule.
"""

import importlib

from django.db import migrations

FAMILIES = {
    "negation": (
        "Words that deny what follows.",
        """not
no
never
non
none
nothing
without
zero""",
    ),
    "harm": (
        "Harms a treatment can do: nouns, adjectives and verbs. A negation before one of these "
        "denies a risk.",
        """addiction
addictive
addicted
dependence
dependency
dependent
habit forming
hooked
withdrawal
side effect
adverse effect
adverse reaction
reaction
allergic
allergy
complication
risk
danger
dangerous
harm
harmful
damage
injury
injure
infection
scar
scarring
bruise
bruising
bleeding
nausea
drowsy
drowsiness
dizzy
memory loss
muscle loss
cognitive problem
toxic
toxicity
reject
rejection
suppress
weaken
upset
block
cause
affect
leave you with
interact
interaction
impair
irritate
burn
overdose
misuse
abuse
hurt
dry eye
glare""",
    ),
    "knowing": (
        "Verbs and nouns of knowing and proving: a negation before them states what is not "
        "known or not shown, which is hedging, not a denial of a risk.",
        """show
prove
know
establish
mean
guarantee
remove
eliminate
rule out
say
evidence
proof
data
study
test
sure
clear
recommend
promise""",
    ),
    "safety-claim": (
        "Words that call a treatment safe.",
        """risk free
harmless
safe
completely safe
free of risk
free from risk
without risk""",
    ),
    "intensifier": (
        "Words that make a claim absolute.",
        """completely
totally
entirely
perfectly
absolutely
100 %
fully
always
extremely
very
utterly
wholly
incredibly""",
    ),
    "side-effect": (
        "Names for the unwanted effects of a treatment.",
        """side effect
adverse effect
risk
complication
downside
danger
discomfort
pain
bruising
swelling
redness
soreness
nausea
headache
sensation
feeling
effect
reaction
tingling
shedding
scratch
pop""",
    ),
    "downplaying": (
        "Words that wave away a side effect or a risk.",
        """minimal
negligible
barely any
hardly any
barely noticeable
nothing to worry about
no cause for concern
short lived
trivial
insignificant
inconvenience
exaggerate
that is all
at most
always mild
only mild
only minor
only side effect
just your body
tiny scratch
normal sign
no big deal
nothing serious""",
    ),
    "transient": (
        "Words that say an effect will not last.",
        """temporary
temporarily
transient
brief
momentary
fleeting
soon
quickly
shortly
short term""",
    ),
    "fading": (
        "Verbs for an effect going away.",
        """fade
subside
pass
wear off
go away
settle
disappear
resolve
vanish
clear up""",
    ),
    "toxin": (
        "What detox treatments claim to take out of the body.",
        """toxin
heavy metal
waste
impurity
poison
build up
sludge""",
    ),
    "benefit-verb": (
        "Verbs that say a treatment does a patient good.",
        """relieve
reduce
improve
boost
treat
heal
strengthen
stop
ease
protect
prevent
restore
enhance
fight
lift
deliver
provide relief
provide pain relief
alleviate
soothe
banish
beat
tackle
combat
help
support
promote
rejuvenate
revitalise
energise
regulate
optimise
increase energy""",
    ),
    "efficacy-word": (
        "Adjectives and phrases that say a treatment works.",
        """effective
efficacious
successful
beneficial
useful
powerful
potent
real results
measurable results
visible results
dramatic results
amazing results
great results
excellent results
impressive results
works wonders""",
    ),
    "result": (
        "Words for the result a patient hopes for: a promise of speed is about one of these.",
        """relief
relieve
result
effect
feel better|good|great|younger|energised|amazing
feel the difference
feel like new
better
improve
improvement
difference
heal
healing
work
pain free
lose
loss
recovery
recover
see
notice
benefit
energise
rehydrate
lift
white
whiter
smooth
younger
slimmer""",
    ),
    "short-time": (
        "Short times in which a result is promised.",
        """second
minute
hour
day
24 hour
48 hour
a week
one week
first week
first month
first session
one session
single session
one treatment
single treatment
single injection
one visit
first visit
a matter of""",
    ),
    "quality": (
        "Qualities one treatment is said to have more of than another.",
        """=better
=safer
=healthier
=faster
=quicker
=stronger
=gentler
=cheaper
=superior
more effective
more natural
more powerful
less invasive
less painful
less risky
=best""",
    ),
    "evidence-noun": (
        "Sources of evidence.",
        """science
research
study
evidence
trial
data
doctor
expert
psychiatrist
scientist
specialist
physician
clinician
medical research
clinical studies""",
    ),
    "proof-verb": (
        "Verbs that claim proof.",
        """show
prove
confirm
demonstrate
support
back
agree
recognise
recognize
endorse
validate
establish""",
    ),
    "mechanism-verb": (
        "Verbs for what a treatment is said to do inside the body, beyond what is shown.",
        """reset
rewire
repair
regenerate
regrow
rebuild
realign
rebalance
recharge
detox
detoxify
cleanse
reboot
reprogram
reprogramme
unblock
purify
rejuvenate cell
reverse damage
reverse cell damage
reverse ageing
reverse aging""",
    ),
    "hype-word": (
        "Promotional words that promise more than evidence can.",
        """revolutionary
revolutionise
breakthrough
groundbreaking
miracle
miraculous
game changer
game changing
cutting edge
life changing
life transforming
transform
transformative
transformation
remarkable
amazing
incredible
astonishing
extraordinary
wonder
innovative
state of the art
pioneering
world class
dream come true
new lease of life
whole new you
new you
youthful glow
nature's gift""",
    ),
    "regulator": (
        "Regulators and other bodies whose approval a claim may invoke.",
        """fda
mhra
ce
nhs
government
health authority
health authorities
ema
regulator
regulatory""",
    ),
    "approval": (
        "Words that claim approval or a licence.",
        """approve
approval
license
licensed
licence
certify
certified
clear
cleared
mark
marked
recognise
recognised
recognize
recognized
endorse
endorsed
regulated""",
    ),
    "person": (
        "People who might give a testimonial or be counted in an outcome.",
        """patient
client
customer
people
person
user
woman
women
man
men
mother
father
mum
dad
parent
adult""",
    ),
    "experience": (
        "What a patient says happened to them, after \"I\".",
        """feel
felt
be
was
have
had
lose
lost
try
tried
can
could
never
finally
no longer
suffer
walk
sleep
play
go
went
get
got""",
    ),
    "good-outcome": (
        "Outcomes a testimonial or outcome figure reports.",
        """improve
improvement
recommend
success
successful
successfully
satisfied
happy
result
better
relief
lose
lost
pain free
symptom free
benefit""",
    ),
    "pressure-time": (
        "Times that put a reader under pressure to act.",
        """now
today
tonight
this week
this month
right away
immediately""",
    ),
    "act-verb": (
        "Verbs that call the reader to act.",
        """book
call
act
start
order
buy
contact
reserve
secure
register
sign up
claim
grab
get in touch
enquire""",
    ),
    "everyone": (
        "Words that take in everybody.",
        """everyone
everybody
anyone
anybody
whoever
no one who can not
all age
all ages
all patients
all people
all adults
all conditions
all skin types
all body types
every patient
every body type
every skin type
every person
any health problem
any condition
any age
any skin type
whatever your
no matter""",
    ),
    "suitability": (
        "Words that say a treatment suits or helps someone.",
        """suitable
suit
safe
safely
have
right
benefit
help
work
candidate
ideal
perfect
can have
can take
treat
choice
appropriate""",
    ),
    "vulnerable-group": (
        "Groups who need special care: a claim aimed at them needs special evidence.",
        """pregnant
pregnancy
breastfeeding
baby
newborn
infant
child
kid
teen
teenager
adolescent
elderly
older people
dementia
terminal
terminally ill
end of life
motor neurone disease
autism
autistic
frail""",
    ),
    "vulnerable-promise": (
        "What is promised to a vulnerable group.",
        """safe
gentle
ideal
perfect
help
benefit
hope
ease
relieve
great results
chance
regain
comfort
energy
more time
love
suitable
turn
cure
treat
improve
communicate better""",
    ),
}


def _rule(name, category, explanation, terms, **conditions):
    return {"name": name, "category": category, "explanation": explanation, "terms": terms, **conditions}


RULES = [
    # Absolute safety ------------------------------------------------------------------------
    _rule(
        "absolute-safety",
        "safety",
        "No treatment is completely safe. Say what the risks are and how often they happen, "
        "rather than calling the treatment safe.",
        """@intensifier safe
be ~ safe
risk free
harmless
no|zero|without risk
no|zero|without any risk
no|without side effect
no|without any side effect
free of|from ~ side effect
free of|from ~ risk
nothing can go wrong
painless
pain free
not hurt
safe and effective""",
        unless_negated=True,
        unless_hedged="any",
        unless_cited=True,
        unless_balanced=True,
    ),
    # Denial of a risk -----------------------------------------------------------------------
    _rule(
        "denies-a-risk",
        "risk_denial",
        "Denies a specific risk. Check the evidence and the product information: state how "
        "likely the risk is, rather than saying there is none.",
        """@negation ~ @harm
can not ~ @harm
no chance of""",
        exceptions="""@negation ~ @knowing
@negation ~ @safety-claim
@negation longer|more""",
        unless_hedged="strong",
        unless_cited=True,
    ),
    # Minimising side effects or risks ---------------------------------------------------------
    _rule(
        "downplays-side-effects",
        "minimisation",
        "Understates the side effects or risks. List the common and serious side effects, how "
        "often they happen and what to do if they do, and let the reader judge.",
        """@downplaying
minimal|minor|slight|mild|little ~ @side-effect""",
        unless_negated=True,
        unless_cited=True,
        unless_balanced=True,
    ),
    _rule(
        "side-effects-soon-pass",
        "minimisation",
        "Says side effects are short-lived without saying what they are, how often, or what "
        "to do if they do not pass. Give the facts, with a source, and safety-netting advice.",
        """@transient""",
        context="""@fading""",
        unless_negated=True,
        unless_cited=True,
        unless_balanced=True,
    ),
    # Unqualified efficacy ---------------------------------------------------------------------
    _rule(
        "unqualified-efficacy",
        "efficacy",
        "States that the treatment works, with no hedge and no source. Say for whom and how "
        "much it helped in studies, with the reference, and that it does not work for everyone.",
        """@benefit-verb
@efficacy-word""",
        exceptions="""use|used to|for
aim|design|intend to
be|been @benefit-verb
but|although|though|however ~ @negation""",
        unless_negated=True,
        unless_hedged="any",
        unless_cited=True,
        subject="treatment",
    ),
    # Cure, permanence or guarantee ------------------------------------------------------------
    _rule(
        "cure-or-guarantee",
        "cure",
        "Promises a cure or a guarantee. Say what the evidence shows about how many people "
        "benefit and for how long.",
        """cure
guarantee
eliminate
eradicate
get rid of
reverse
=promise|=promises|=promised
100 % effective
complete recovery
pain free living|life
say goodbye to
no more pain
never come back
never return""",
        unless_negated=True,
        unless_cited=True,
    ),
    _rule(
        "permanent-results",
        "cure",
        "Promises a result that lasts. Say what the evidence shows about how long any benefit "
        "lasts and how many people need repeat treatment.",
        """permanent
forever
for good
for life
lasting ~ relief|result|solution|benefit|improvement|change|cure
never ~ again""",
        exceptions="""@harm""",
        unless_negated=True,
        unless_cited=True,
    ),
    # Promise of speed ---------------------------------------------------------------------------
    _rule(
        "fast-results",
        "speed",
        "Promises fast results. Say how long it usually takes, that it varies, and cite the "
        "evidence.",
        """instant
immediate
overnight
rapid
fast acting
quick acting
twice as fast
in a matter of
in no time
right away
speed up
straight away""",
        context="""@result""",
        exceptions="""call|contact|seek|tell|stop ~ immediately
call|contact|seek|tell|stop ~ straight away
call|contact|seek|tell|stop ~ right away""",
        unless_negated=True,
        unless_hedged="strong",
        unless_cited=True,
        unless_balanced=True,
    ),
    _rule(
        "results-within-a-time",
        "speed",
        "Promises a result within a short time. Say how long it usually takes, that it varies, "
        "and cite the evidence.",
        """within|in|under ~ @short-time
after ~ one|single|first session|treatment|injection|visit
from ~ first session|treatment|visit""",
        context="""@result""",
        unless_negated=True,
        unless_hedged="strong",
        unless_cited=True,
        unless_balanced=True,
    ),
    # Comparison with other treatments -------------------------------------------------------------
    _rule(
        "better-than-others",
        "comparison",
        "Compares the treatment with others. A comparison needs head-to-head evidence: cite "
        "it, or describe the options without ranking them.",
        """@quality ~ than
@quality ~ option|alternative|choice|way
alternative to
superior to
outperform
avoid ~ risk|surgery|recovery
avoid ~ side effect""",
        unless_negated=True,
        unless_hedged="strong",
        unless_cited=True,
    ),
    _rule(
        "unlike-other-treatments",
        "comparison",
        "Sets the treatment against another. A comparison needs head-to-head evidence: cite "
        "it, or describe the options without ranking them.",
        """unlike""",
        context="""@harm
@benefit-verb
@efficacy-word
@result
@safety-claim""",
        unless_cited=True,
    ),
    # Evidence inflation --------------------------------------------------------------------------
    _rule(
        "evidence-inflation",
        "proven",
        "Claims proof or expert agreement without a source. Cite the studies or guideline, "
        "and say how strong the evidence is.",
        """clinically|scientifically|medically prove|test|validate
prove
@evidence-noun ~ @proof-verb
@proof-verb by ~ @evidence-noun
decade|year|century of ~ research|evidence|study|use|experience
evidence based
growing|large|extensive|wealth ~ research|evidence|study
body of research|evidence
science back|backed""",
        unless_negated=True,
        unless_hedged="strong",
        unless_cited=True,
    ),
    # Mechanism overclaim ----------------------------------------------------------------------
    _rule(
        "mechanism-overclaim",
        "mechanism",
        "Claims the treatment resets, repairs or cleanses the body. Describe how it is thought "
        "to work, say what has and has not been shown in patients, and cite it.",
        """@mechanism-verb
toxin
flush ~ out
new ~ pathway|cell|tissue|connection|neuron
boost ~ immune
kick start
switch ~ back
restore ~ balance
turn back the clock
younger state
flow of energy
energy flow
neuroplasticity
remove|flush|draw|cleanse|eliminate ~ @toxin""",
        unless_negated=True,
        unless_hedged="strong",
        unless_cited=True,
    ),
    # Hope and hype -------------------------------------------------------------------------------
    _rule(
        "hope-and-hype",
        "hype",
        "Promotional wording that promises more than the evidence can. Describe the treatment "
        "plainly.",
        """@hype-word
offer|give|bring|new|real|renewed ~ hope
avenue of hope
life back
regain ~ life|control
unlock ~ potential""",
        unless_negated=True,
    ),
    # Regulatory or licensing claims -----------------------------------------------------------
    _rule(
        "regulatory-claim",
        "regulatory",
        "Claims approval or a licence. Check exactly what is licensed or approved, for which "
        "use, by whom, and cite it; say so if this use is off-label.",
        """@regulator ~ @approval
@approval by|for ~ @regulator
be ~ approve|approved|license|licensed|certified|regulated
fully|officially|government|doctor approved|licensed|regulated|endorsed|certified
regulatory approval""",
        exceptions="""off label
unlicensed""",
        unless_negated=True,
        unless_hedged="strong",
        unless_cited=True,
    ),
    # Testimonials and outcome statistics -----------------------------------------------------------
    _rule(
        "outcome-figures",
        "testimonial",
        "Reports patients' outcomes or satisfaction as evidence. One clinic's figures or "
        "reviews are not evidence that a treatment works: cite trials instead.",
        """@number % of
@number out of @number
@number in @number
thousand|hundred|million|thousands|hundreds|millions of ~ @person
over @number ~ @person
more than @number ~ @person
success rate
satisfied|happy @person
five|5 star
star rating
read ~ review
@person rate
every|nearly|almost @person we treat""",
        context="""@good-outcome
report ~ improvement|benefit|relief|success|change
star""",
        unless_negated=True,
        unless_cited=True,
    ),
    _rule(
        "patient-voice",
        "testimonial",
        "A patient's own words or story. One person's experience is not evidence that a "
        "treatment works or is safe: remove it, or make clear it is one person's experience.",
        """=i @experience
help|cure|fix|change|save|transform|give|work ~ =me|=my
=my life|pain|daughter|son|child|husband|wife|mum|mother|dad|back|skin|migraine|symptom
our @person say|tell|love|rate|recommend
say one|she|he
says one|she|he
said one|she|he""",
        unless_hedged="strong",
        unless_cited=True,
    ),
    # Urgency and pressure ------------------------------------------------------------------------
    _rule(
        "urgency-pressure",
        "urgency",
        "Puts the reader under pressure to decide. Patients need time to weigh up a treatment: "
        "remove the deadline or pressure.",
        """@act-verb ~ @pressure-time
do not wait|delay|miss
hurry
limited ~ space|place|offer|time|availability|appointment|spot
only @number ~ left|remaining
offer|price|deal|discount ~ end|ends|expire
before it is too late
too late
last chance
sooner you ~ start|book|act
every ~ day|week|month you ~ wait|delay
why suffer|wait
half price
introductory price|offer
exclusive ~ offer|package|deal
fully booked
secure your
rush
miss out""",
        unless_balanced=True,
    ),
    # Universal suitability -----------------------------------------------------------------------
    _rule(
        "suits-everyone",
        "universal",
        "No treatment suits everyone. Say who it may suit and who should not have it "
        "(contraindications).",
        """@everyone""",
        context="""@suitability""",
        unless_negated=True,
        unless_hedged="strong",
        unless_cited=True,
    ),
    # Aimed at vulnerable groups ------------------------------------------------------------------
    _rule(
        "vulnerable-groups",
        "vulnerable",
        "A claim aimed at a vulnerable group (pregnancy, children, older or terminally ill "
        "people). It needs specific evidence for that group: cite it, or say it is not known.",
        """@vulnerable-group""",
        context="""@vulnerable-promise""",
        unless_negated=True,
        unless_hedged="strong",
        unless_cited=True,
    ),
]

_seed_0002 = importlib.import_module("claims.migrations.0002_default_rules")
def _unchanged_since_0002(rule, seeded) -> bool:
    return (
        rule.category == seeded["category"]
        and rule.pattern == seeded["pattern"]
        and rule.explanation == seeded["explanation"]
        and rule.unless_negated == seeded["suppress_if_negated"]
        and rule.active
    )


def seed_language_rules(apps, schema_editor):
    WordFamily = apps.get_model("claims", "WordFamily")
    ClaimRule = apps.get_model("claims", "ClaimRule")
    for name, (description, words) in FAMILIES.items():
        WordFamily.objects.get_or_create(
            name=name, defaults={"description": description, "words": words}
        )
    seeded = {rule["name"]: rule for rule in _seed_0002.RULES}
    for rule in ClaimRule.objects.filter(name__in=list(seeded), terms=""):
        if _unchanged_since_0002(rule, seeded[rule.name]):
            rule.delete()
    for rule in RULES:
        ClaimRule.objects.get_or_create(
            name=rule["name"], defaults={key: value for key, value in rule.items() if key != "name"}
        )


def unseed_language_rules(apps, schema_editor):
    WordFamily = apps.get_model("claims", "WordFamily")
    ClaimRule = apps.get_model("claims", "ClaimRule")
    ClaimRule.objects.filter(name__in=[rule["name"] for rule in RULES]).delete()
    WordFamily.objects.filter(name__in=list(FAMILIES)).delete()
    for rule in _seed_0002.RULES:
        fields = {key: value for key, value in rule.items() if key != "name"}
        fields["unless_negated"] = fields.pop("suppress_if_negated")
        ClaimRule.objects.get_or_create(name=rule["name"], defaults=fields)


class Migration(migrations.Migration):

    dependencies = [("claims", "0003_language_rules")]

    operations = [migrations.RunPython(seed_language_rules, unseed_language_rules)]
