# ruff: noqa: E501 - one sentence per line reads better than wrapped strings
"""A labelled set of patient-information sentences for measuring the claims checker.

Each entry says whether a medical reviewer should be shown the sentence (``risky``) and, if so,
under which category. A sentence is labelled risky when its wording falls in one of the
checker's categories (absolute safety, denial of a risk, cure or guarantee, speed, comparison,
claim of proof, regulatory claim, miracle or breakthrough, testimonial). Efficacy claims
without such wording ("particularly effective for …") are labelled acceptable: they are for
the reviewer and the evidence check (a benefit without a reference), not for the text rules.

``source`` is ``"own"`` for sentences written for this set (realistic patient information
about physiotherapy, vaccines, surgery, medicines, acupuncture, dentistry and so on) or
``"article"`` for the demo article as written
(demo/sources/ketamine-therapy-for-chronic-pain.txt), split by the checker's
own sentence splitter.

How the set was built, and what each batch measured the first time it was run:

1. OWN_RISKY and OWN_ACCEPTABLE were written before any rule; the default rules were then
   written with them in view (so they measure 1.0 / 1.0 and say little about generalisation).
2. HOLDOUT_RISKY / HOLDOUT_ACCEPTABLE, written next, measured recall 13/21 = 0.62 and
   precision 13/14 = 0.93 before the rules were changed for them.
3. HOLDOUT_2_*, written after tuning on batch 2, measured recall 4/18 = 0.22 and precision
   4/4 = 1.00; the rules were then generalised for the kinds of wording it missed.
4. HOLDOUT_3_*, written after that, measured recall 11/17 = 0.65 and precision 11/11 = 1.00.
   The rules were NOT tuned on it: its six misses stay in the figures the test reports.

The set deliberately includes acceptable sentences that share words with risky ones
("not suitable for everyone", "not a cure", "can be permanent", "within 48 hours", a quotation
that is not a patient's experience), so that precision measures something.
"""

from typing import NamedTuple


class LabelledSentence(NamedTuple):
    text: str
    risky: bool
    category: str | None = None
    source: str = "own"


OWN_RISKY = [
    LabelledSentence(
        "Our physiotherapy programme is completely safe for people of all ages.", True, "safety"
    ),
    LabelledSentence("The flu vaccine has no side effects.", True, "safety"),
    LabelledSentence("Acupuncture is painless and relaxing.", True, "safety"),
    LabelledSentence(
        "Laser eye surgery is risk-free when performed by our surgeons.", True, "safety"
    ),
    LabelledSentence(
        "This exercise plan is suitable for everyone, whatever their fitness.", True, "safety"
    ),
    LabelledSentence("The injections are totally safe during pregnancy.", True, "safety"),
    LabelledSentence("Our nicotine patches are non-addictive.", True, "risk_denial"),
    LabelledSentence(
        "Unlike sleeping pills, melatonin does not cause dependence.", True, "risk_denial"
    ),
    LabelledSentence("This painkiller won't cause stomach bleeding.", True, "risk_denial"),
    LabelledSentence(
        "There is no risk of infection with our keyhole technique.", True, "risk_denial"
    ),
    LabelledSentence("Our hay fever tablets won't make you drowsy.", True, "risk_denial"),
    LabelledSentence("Shockwave therapy cures tennis elbow for good.", True, "cure"),
    LabelledSentence("Our weight-loss injections guarantee results.", True, "cure"),
    LabelledSentence("The cream is guaranteed to clear acne in two weeks.", True, "cure"),
    LabelledSentence("Patients are 100% satisfied with their new hip.", True, "cure"),
    LabelledSentence("Laser hair removal gives permanent results.", True, "cure"),
    LabelledSentence("The operation permanently eliminates snoring.", True, "cure"),
    LabelledSentence("Hearing aids will restore your hearing completely.", True, "cure"),
    LabelledSentence("The nasal spray gives instant relief from hay fever.", True, "speed"),
    LabelledSentence("Most patients feel better within minutes of the injection.", True, "speed"),
    LabelledSentence("The migraine tablet starts to work within hours.", True, "speed"),
    LabelledSentence("Acupuncture is safer than painkillers for back pain.", True, "comparison"),
    LabelledSentence("Unlike steroids, our cream is gentle on the skin.", True, "comparison"),
    LabelledSentence(
        "Physiotherapy is a safer option than surgery for knee pain.", True, "comparison"
    ),
    LabelledSentence("Our knee brace is clinically proven to reduce pain.", True, "proven"),
    LabelledSentence("The supplement is scientifically proven to boost immunity.", True, "proven"),
    LabelledSentence("Our cold sore cream is proven to heal blisters faster.", True, "proven"),
    LabelledSentence("This device is FDA approved for treating depression.", True, "regulatory"),
    LabelledSentence(
        "Platelet-rich plasma injections are a miracle for damaged joints.", True, "hype"
    ),
    LabelledSentence("This breakthrough treatment repairs worn cartilage.", True, "hype"),
    LabelledSentence("Stem cell therapy is a revolutionary way to heal injuries.", True, "hype"),
    LabelledSentence("A groundbreaking vaccine now protects against shingles.", True, "hype"),
    LabelledSentence(
        "“I felt the pain melt away after my first session,” says Margaret, 62.",
        True,
        "testimonial",
    ),
    LabelledSentence(
        "“After three weeks of physio I was back on the tennis court.”", True, "testimonial"
    ),
]

OWN_ACCEPTABLE = [
    LabelledSentence("Physiotherapy sessions usually last 30 to 45 minutes.", False),
    LabelledSentence(
        "The vaccine is not a cure for shingles, but it lowers the chance of getting it.", False
    ),
    LabelledSentence(
        "There is no guarantee that surgery will relieve all of your symptoms.", False
    ),
    LabelledSentence("Results vary from person to person.", False),
    LabelledSentence(
        "Like all medicines, this one can cause side effects, although not everybody gets them.",
        False,
    ),
    LabelledSentence("Some people feel a brief sting when the needle goes in.", False),
    LabelledSentence(
        "Acupuncture is not suitable for everyone, for example people with bleeding disorders.",
        False,
    ),
    LabelledSentence("Common side effects include a sore arm, tiredness and a headache.", False),
    LabelledSentence("Tell your doctor if you are pregnant or breastfeeding.", False),
    LabelledSentence("Nerve damage after surgery is rare but can be permanent.", False),
    LabelledSentence(
        "Your surgeon will explain the risks and benefits before you agree to the operation.", False
    ),
    LabelledSentence("Painkillers such as paracetamol can help while you recover.", False),
    LabelledSentence(
        "Opioids can cause constipation, drowsiness and, with long use, dependence.", False
    ),
    LabelledSentence("The injection takes a few minutes, and you can go home the same day.", False),
    LabelledSentence("Most people need six to eight sessions before they notice a change.", False),
    LabelledSentence("The evidence for acupuncture in chronic back pain is mixed.", False),
    LabelledSentence("If the pain does not improve within two weeks, contact your GP.", False),
    LabelledSentence(
        "If a fever develops within 48 hours of the vaccine, take paracetamol.", False
    ),
    LabelledSentence(
        "Physiotherapy cannot cure arthritis, but it can keep your joints moving.", False
    ),
    LabelledSentence("No treatment is completely safe, and this one is no exception.", False),
    LabelledSentence(
        "Ask your pharmacist if you are not sure whether this medicine is right for you.", False
    ),
    LabelledSentence("Recovery after a hip replacement usually takes about three months.", False),
    LabelledSentence("You may have some bruising around the wound for a week or two.", False),
    LabelledSentence("Acupuncture needles are single-use and sterile.", False),
    LabelledSentence(
        "Surgery is usually offered only when other treatments have not helped.", False
    ),
    LabelledSentence(
        "Some studies suggest that yoga may ease lower back pain, but the effect is small.", False
    ),
    LabelledSentence("Antibiotics do not work against viral infections such as colds.", False),
    LabelledSentence(
        "A small number of people have an allergic reaction, which is treated straight away.", False
    ),
    LabelledSentence(
        "The nurse will check your blood pressure before and after the infusion.", False
    ),
    LabelledSentence(
        "Steroid injections can relieve pain for a few weeks, and sometimes for several months.",
        False,
    ),
    LabelledSentence("This medicine is licensed for adults over 18.", False),
    LabelledSentence("It is not a miracle cure, and it works best alongside exercise.", False),
    LabelledSentence(
        "Children who have had the vaccine can still catch measles, although this is rare.", False
    ),
    LabelledSentence("Patients told us the waiting room was comfortable.", False),
    LabelledSentence("Your nurse may ask, “Can you feel this?”, to check the numbness.", False),
    LabelledSentence("Surgeons have used this technique for over 20 years.", False),
    LabelledSentence("Side effects are usually mild and pass within a day or two.", False),
    LabelledSentence("We cannot promise that the treatment will work for you.", False),
    LabelledSentence(
        "Keep taking the tablets for the full course, even if you feel better.", False
    ),
    LabelledSentence("The procedure is done under local anaesthetic, so you stay awake.", False),
]

# Written after the first version of the default rules, as a holdout: its first measurement
# (before any rule was changed for it) is recorded in the test module's docstring.
HOLDOUT_RISKY = [
    LabelledSentence(
        "Our dermal fillers are perfectly safe, even for first-time patients.", True, "safety"
    ),
    LabelledSentence(
        "Botox injections carry zero risk when done by a qualified nurse.", True, "safety"
    ),
    LabelledSentence(
        "The chiropractic adjustment is gentle and completely harmless.", True, "safety"
    ),
    LabelledSentence("The hearing test is painless and takes about 20 minutes.", True, "safety"),
    LabelledSentence(
        "You can take this herbal remedy with any other medicine without worrying about interactions.",
        True,
        "risk_denial",
    ),
    LabelledSentence("Unlike antibiotics, probiotics never cause resistance.", True, "comparison"),
    LabelledSentence(
        "Melatonin is not habit-forming, so you can take it every night.", True, "risk_denial"
    ),
    LabelledSentence("Cognitive behavioural therapy eliminates anxiety for good.", True, "cure"),
    LabelledSentence(
        "At our hearing clinic, we guarantee you'll hear clearly again.", True, "cure"
    ),
    LabelledSentence(
        "Knee replacement surgery gives you a brand-new joint that lasts a lifetime.", True, "cure"
    ),
    LabelledSentence("Relief from heartburn in as little as five minutes.", True, "speed"),
    LabelledSentence("Our hay fever injection works from the very first day.", True, "speed"),
    LabelledSentence(
        "The MHRA-approved device is now available at our clinic.", True, "regulatory"
    ),
    LabelledSentence(
        "Hyperbaric oxygen therapy is a wonder treatment for long COVID.", True, "hype"
    ),
    LabelledSentence(
        "Thousands of patients have already discovered this life-changing therapy.", True, "hype"
    ),
    LabelledSentence(
        "“My back pain disappeared and I can finally sleep through the night,” one patient told us.",
        True,
        "testimonial",
    ),
    LabelledSentence(
        "Doctors agree that spinal injections are the best treatment for sciatica.",
        True,
        "comparison",
    ),
    LabelledSentence(
        "Dental implants are 100 per cent natural-looking and last for decades.", True, "cure"
    ),
    LabelledSentence("Studies prove that acupuncture relieves migraines.", True, "proven"),
    LabelledSentence(
        "This cholesterol medicine is clinically shown to cut heart attacks in half.",
        True,
        "proven",
    ),
    LabelledSentence("Laser therapy offers immediate and long-lasting results.", True, "speed"),
]

HOLDOUT_ACCEPTABLE = [
    LabelledSentence(
        "Most people who have the vaccine get no more than a sore arm for a day or two.", False
    ),
    LabelledSentence(
        "You might feel a little dizzy after the first session, so bring someone to drive you home.",
        False,
    ),
    LabelledSentence(
        "Injections into the knee can cause infection, but this is rare (about 1 in 10,000).", False
    ),
    LabelledSentence("Please arrive 15 minutes before your appointment.", False),
    LabelledSentence(
        "The physiotherapist will watch how you walk and test the strength of your muscles.", False
    ),
    LabelledSentence(
        "If you feel unwell within a few hours of the infusion, tell the nurse straight away.",
        False,
    ),
    LabelledSentence(
        "Dental implants need the same care as natural teeth: brush twice a day.", False
    ),
    LabelledSentence(
        "This medicine can make you drowsy, so do not drive until you know how it affects you.",
        False,
    ),
    LabelledSentence("Not everyone who has acupuncture notices a difference.", False),
    LabelledSentence(
        "There is no cure for tinnitus, but sound therapy can make it less noticeable.", False
    ),
    LabelledSentence(
        "Your GP can refer you to a specialist if the treatment does not help.", False
    ),
    LabelledSentence(
        "Surgery carries risks, including bleeding, infection and blood clots.", False
    ),
    LabelledSentence(
        "Stopping steroids suddenly can be dangerous; your doctor will reduce the dose slowly.",
        False,
    ),
    LabelledSentence(
        "Vaccines, like any medicine, can cause side effects, but serious ones are very rare.",
        False,
    ),
    LabelledSentence(
        "Eat a light meal before your appointment unless you have been told not to.", False
    ),
    LabelledSentence("The results of your blood test usually come back within a week.", False),
    LabelledSentence(
        "Compression stockings help prevent blood clots after an operation, but they must fit well.",
        False,
    ),
    LabelledSentence(
        "Cognitive behavioural therapy does not suit everyone, and other talking therapies are available.",
        False,
    ),
    LabelledSentence(
        "Some people find that the benefits of physiotherapy last for months after the course ends.",
        False,
    ),
]

# A second holdout, written after the rules were tuned on everything above; the rules were not
# changed for it (its misses are part of the reported figures).
HOLDOUT_2_RISKY = [
    LabelledSentence("Our IV vitamin drips are safe for the whole family.", True, "safety"),
    LabelledSentence(
        "With no needles and no downtime, laser therapy is the gentle way to treat pain.",
        True,
        "safety",
    ),
    LabelledSentence("These eye drops will not sting or irritate your eyes.", True, "risk_denial"),
    LabelledSentence(
        "Paracetamol won't upset your stomach the way ibuprofen can.", True, "risk_denial"
    ),
    LabelledSentence("The new shingles jab offers lifelong protection.", True, "cure"),
    LabelledSentence("Your varicose veins will be gone forever after one treatment.", True, "cure"),
    LabelledSentence("The patch starts working in seconds.", True, "speed"),
    LabelledSentence("Feel the difference after just one session.", True, "speed"),
    LabelledSentence(
        "Our spinal decompression is a safe alternative to back surgery.", True, "comparison"
    ),
    LabelledSentence(
        "Homeopathy works better than conventional medicine for eczema.", True, "comparison"
    ),
    LabelledSentence(
        "Research has shown that our programme reverses type 2 diabetes.", True, "proven"
    ),
    LabelledSentence("This app is NHS-approved.", True, "regulatory"),
    LabelledSentence("A medical miracle for people with arthritis.", True, "hype"),
    LabelledSentence("Cryotherapy is the latest breakthrough in sports recovery.", True, "hype"),
    LabelledSentence(
        "'I've never felt better since starting the injections,' says Tom.", True, "testimonial"
    ),
    LabelledSentence("Nine out of ten patients say their pain went away completely.", True, "cure"),
    LabelledSentence("Vaccination gives you total protection against tetanus.", True, "cure"),
    LabelledSentence("There are no known side effects of this treatment.", True, "safety"),
]

HOLDOUT_2_ACCEPTABLE = [
    LabelledSentence("Tell the radiographer if you might be pregnant before the X-ray.", False),
    LabelledSentence("Most side effects of the vaccine pass within two or three days.", False),
    LabelledSentence(
        "The operation is done under general anaesthetic, so you will be asleep.", False
    ),
    LabelledSentence("Physiotherapy works best when you keep doing the exercises at home.", False),
    LabelledSentence(
        "There is some evidence that acupuncture helps with tension headaches.", False
    ),
    LabelledSentence(
        "Your dentist will numb the area so that you do not feel pain during the filling.", False
    ),
    LabelledSentence("Take the tablets with food to reduce the chance of an upset stomach.", False),
    LabelledSentence("Some people need more than one course of treatment.", False),
    LabelledSentence("The cream is not suitable for children under 12.", False),
    LabelledSentence(
        "Ask for help if you are worried about becoming dependent on painkillers.", False
    ),
    LabelledSentence(
        "The scan takes between 15 and 90 minutes, depending on the part of the body being scanned.",
        False,
    ),
    LabelledSentence("A small number of people notice a change in their sense of taste.", False),
    LabelledSentence("We will send you a letter with your results within two weeks.", False),
    LabelledSentence(
        "Your first appointment includes an assessment and a discussion of your goals.", False
    ),
    LabelledSentence(
        "Infections after a joint injection are uncommon, but tell us at once if the joint becomes hot and swollen.",
        False,
    ),
    LabelledSentence(
        "The injection may not work for everyone, and the effects wear off after a few months.",
        False,
    ),
    LabelledSentence(
        "Stopping smoking is the single most helpful thing you can do before surgery.", False
    ),
    LabelledSentence("Some patients describe the feeling as a dull ache.", False),
]

# A third holdout, written after the rules were tuned on everything above; not tuned on.
HOLDOUT_3_RISKY = [
    LabelledSentence(
        "Our weight-loss jabs melt fat away with absolutely no risk to your health.", True, "safety"
    ),
    LabelledSentence(
        "Tooth whitening at our practice won't damage your enamel.", True, "risk_denial"
    ),
    LabelledSentence("Manuka honey heals wounds faster than any cream.", True, "comparison"),
    LabelledSentence("The procedure leaves no scars.", True, "safety"),
    LabelledSentence("Antidepressants are not addictive.", True, "risk_denial"),
    LabelledSentence("The results of our hair transplant are permanent.", True, "cure"),
    LabelledSentence(
        "Patients report feeling years younger after a single session.", True, "speed"
    ),
    LabelledSentence("Cupping therapy draws out toxins and cures fatigue.", True, "cure"),
    LabelledSentence(
        "Most people are back at work the next day, with no pain at all.", True, "safety"
    ),
    LabelledSentence(
        "Our hormone therapy has been approved by the FDA for menopause symptoms.",
        True,
        "regulatory",
    ),
    LabelledSentence(
        "This radical new treatment is changing lives across the country.", True, "hype"
    ),
    LabelledSentence(
        "“We were told I'd never walk again, but the therapy got me back on my feet.”",
        True,
        "testimonial",
    ),
    LabelledSentence(
        "Chiropractic care is a natural, drug-free alternative to painkillers.", True, "comparison"
    ),
    LabelledSentence(
        "The injection provides round-the-clock protection from the very first dose.", True, "speed"
    ),
    LabelledSentence("The implant is completely invisible and totally safe.", True, "safety"),
    LabelledSentence("Clinically proven to reduce wrinkles by 50%.", True, "proven"),
    LabelledSentence("There's zero chance of rejection with your own tissue.", True, "risk_denial"),
]

HOLDOUT_3_ACCEPTABLE = [
    LabelledSentence("The nurse will remove the stitches after about ten days.", False),
    LabelledSentence("You may need to stay in hospital for one or two nights.", False),
    LabelledSentence("Mild bruising is common and usually fades within two weeks.", False),
    LabelledSentence(
        "Some people find the treatment uncomfortable, and you can ask to stop at any time.", False
    ),
    LabelledSentence(
        "Your consultant will explain whether surgery or physiotherapy is better for you.", False
    ),
    LabelledSentence("The vaccine does not contain any live virus.", False),
    LabelledSentence(
        "If you have diabetes, check your blood sugar more often while taking steroids.", False
    ),
    LabelledSentence(
        "Hair loss from chemotherapy is usually temporary, but it can occasionally be permanent.",
        False,
    ),
    LabelledSentence(
        "Hearing aids cannot restore normal hearing, but they can make sounds clearer.", False
    ),
    LabelledSentence(
        "Results from the trial were encouraging, but more research is needed.", False
    ),
    LabelledSentence("You can usually go back to light activities after a few days.", False),
    LabelledSentence(
        "A local anaesthetic cream can make the injection less painful for children.", False
    ),
    LabelledSentence("There is a small risk of bleeding after a tooth extraction.", False),
    LabelledSentence("Tell us if you have had a reaction to any vaccine before.", False),
    LabelledSentence("We cannot say for certain how long the benefits will last.", False),
    LabelledSentence("Wear loose clothing so that the physiotherapist can see the joint.", False),
    LabelledSentence("Around one in five people have a headache after the lumbar puncture.", False),
    LabelledSentence("Do not take more than eight tablets in 24 hours.", False),
]

ARTICLE = [
    LabelledSentence(
        "Chronic pain can be debilitating, affecting every aspect of life from physical well-being to emotional health.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "Traditional pain management methods, such as medication, physical therapy, and surgery, may not always provide sufficient relief, especially for those with treatment-resistant pain conditions.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "However, ketamine therapy has emerged as a groundbreaking alternative, offering hope to individuals who have not responded well to conventional pain treatments.",
        True,
        "hype",
        "article",
    ),
    LabelledSentence("What is Ketamine Therapy?", False, None, "article"),
    LabelledSentence(
        "Ketamine is an anesthetic that has been used in medical settings for decades, primarily for surgical anesthesia.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "However, recent research has uncovered its potential to treat chronic pain by working on the brain’s glutamate system, which is different from how traditional pain medications like opioids operate.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "This unique mechanism allows ketamine to provide effective pain relief, particularly for neuropathic and treatment-resistant pain conditions.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "In the context of pain management, ketamine is typically administered in low doses, either intravenously (IV) or orally, in a controlled medical environment.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "Its ability to “reset” pain pathways makes it an innovative tool for managing chronic pain.",
        False,
        None,
        "article",
    ),
    LabelledSentence("How Does Ketamine Therapy Work for Pain?", False, None, "article"),
    LabelledSentence(
        "Ketamine works by blocking NMDA receptors in the brain, which play a crucial role in pain perception.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "By interrupting these pain pathways, ketamine helps reduce the intensity of chronic pain signals.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "It also promotes neuroplasticity, encouraging the brain to create new, healthier pathways and reduce the body’s reliance on pain signals.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "Additionally, ketamine’s anti-inflammatory properties make it particularly effective for conditions where inflammation plays a role in pain.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "Unlike opioids, ketamine does not suppress breathing or cause addiction, making it a safer option for long-term pain management.",
        True,
        "risk_denial",
        "article",
    ),
    LabelledSentence("Conditions Treated with Ketamine Therapy", False, None, "article"),
    LabelledSentence(
        "Ketamine therapy is particularly useful for individuals suffering from pain that has not responded to traditional treatments.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "Some of the chronic pain conditions that may benefit from ketamine therapy include:",
        False,
        None,
        "article",
    ),
    LabelledSentence("Neuropathic pain:", False, None, "article"),
    LabelledSentence(
        "Pain resulting from nerve damage, often described as burning or shooting pain.",
        False,
        None,
        "article",
    ),
    LabelledSentence("Complex Regional Pain Syndrome (CRPS):", False, None, "article"),
    LabelledSentence(
        "A chronic pain condition often affecting a limb after an injury or surgery.",
        False,
        None,
        "article",
    ),
    LabelledSentence("Fibromyalgia:", False, None, "article"),
    LabelledSentence(
        "A condition characterized by widespread pain, fatigue, and tenderness.",
        False,
        None,
        "article",
    ),
    LabelledSentence("Migraine headaches:", False, None, "article"),
    LabelledSentence(
        "Ketamine can be effective for patients with chronic migraines that do not respond to other treatments.",
        False,
        None,
        "article",
    ),
    LabelledSentence("Cancer-related pain:", False, None, "article"),
    LabelledSentence(
        "Especially in cases where opioid therapy is ineffective or not tolerated.",
        False,
        None,
        "article",
    ),
    LabelledSentence("Benefits of Ketamine Therapy for Pain Management", False, None, "article"),
    LabelledSentence("Rapid Pain Relief:", True, "speed", "article"),
    LabelledSentence(
        "Unlike traditional pain medications that may take weeks or months to show results, ketamine can provide pain relief within hours or days of treatment.",
        True,
        "speed",
        "article",
    ),
    LabelledSentence("Effective for Treatment-Resistant Pain:", False, None, "article"),
    LabelledSentence(
        "For individuals who have not found relief through conventional treatments, ketamine offers a new avenue of hope, particularly for neuropathic and chronic pain.",
        False,
        None,
        "article",
    ),
    LabelledSentence("Non-Addictive:", True, "risk_denial", "article"),
    LabelledSentence(
        "Unlike opioids, ketamine does not have addictive properties, making it a safer long-term option for managing chronic pain.",
        True,
        "risk_denial",
        "article",
    ),
    LabelledSentence("Neuroplasticity:", False, None, "article"),
    LabelledSentence(
        "Ketamine promotes the growth of new neural pathways, which can help patients experience lasting pain relief even after the treatment period.",
        True,
        "cure",
        "article",
    ),
    LabelledSentence("Minimal Side Effects:", True, "safety", "article"),
    LabelledSentence(
        "While ketamine can cause short-term side effects like nausea, dizziness, or mild dissociation, these effects are temporary and typically subside shortly after the treatment.",
        False,
        None,
        "article",
    ),
    LabelledSentence("What to Expect During Ketamine Therapy", False, None, "article"),
    LabelledSentence(
        "Ketamine therapy is administered in a controlled, medical environment under the supervision of experienced professionals.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "For pain management, it is most commonly given intravenously (IV) through a series of infusions over several sessions, though oral ketamine may also be prescribed depending on the patient’s condition and response.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "Each session lasts about 45 minutes to an hour, during which the patient is closely monitored for any adverse effects.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "Patients may feel lightheaded or dissociated during the infusion, but these sensations are temporary and tend to fade soon after the treatment concludes.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "Depending on the individual and the severity of their pain, most patients require a series of initial treatments, followed by periodic maintenance sessions to sustain the effects of the therapy.",
        False,
        None,
        "article",
    ),
    LabelledSentence("Is Ketamine Therapy Right for You?", False, None, "article"),
    LabelledSentence(
        "If you’ve been struggling with chronic pain that hasn’t responded to traditional treatments, ketamine therapy could be a promising option.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "It is particularly beneficial for those with neuropathic pain or other treatment-resistant conditions.",
        False,
        None,
        "article",
    ),
    LabelledSentence(
        "However, it is essential to consult with a pain specialist to determine whether ketamine is suitable for your specific condition and overall health.",
        False,
        None,
        "article",
    ),
    LabelledSentence("Conclusion", False, None, "article"),
    LabelledSentence(
        "Ketamine therapy offers a revolutionary approach to pain management, particularly for those who have not found relief through conventional methods.",
        True,
        "hype",
        "article",
    ),
    LabelledSentence(
        "With its rapid effects, ability to treat treatment-resistant pain, and minimal risk of addiction, ketamine is transforming the way chronic pain is managed.",
        True,
        "hype",
        "article",
    ),
    LabelledSentence(
        "At Unika Medical Centre, our team of experienced professionals is dedicated to providing cutting-edge treatments like ketamine therapy to help you regain control of your life.",
        True,
        "hype",
        "article",
    ),
    LabelledSentence(
        "If you’re interested in learning more about ketamine therapy for pain management or scheduling a consultation, contact us today!",
        False,
        None,
        "article",
    ),
]

OWN = [
    *OWN_RISKY,
    *OWN_ACCEPTABLE,
    *HOLDOUT_RISKY,
    *HOLDOUT_ACCEPTABLE,
    *HOLDOUT_2_RISKY,
    *HOLDOUT_2_ACCEPTABLE,
    *HOLDOUT_3_RISKY,
    *HOLDOUT_3_ACCEPTABLE,
]
ALL = [*OWN, *ARTICLE]
