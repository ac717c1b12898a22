"""Classify a document into one of SPEC §3's kinds from its text.

Each kind has weighted cues: strong ones (a form's title, an issuing body) settle it alone,
weak ones (a word the kind uses) only add up. The file name is a hint worth one weak cue.
A document whose best score stays under the threshold is ``unknown`` (FIL006).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre
from re import _parser as sre_parse

from ..parse import fastmatch

STRONG, WEAK = 5, 1
THRESHOLD = 4

_CUES: dict[str, list[tuple[str, int]]] = {
    "employment_letter": [
        (r"\b(employment|experience|reference|service) (verification |confirmation )?(letter|certificate)\b", STRONG),
        (r"\battestation (d'emploi|de travail|d'expérience|d’emploi)\b", STRONG),
        (r"\bcertificat de travail\b", STRONG),
        (r"\b(has been|was|is|been) (employed|working) (with|by|at|for)\b", STRONG),
        (r"\b(confirm|certify) that .{0,80}\b(employed|worked|working|employee)\b", STRONG),
        (r"\b(est|était|a été) (employée?|à (notre|l'|l’)emploi)\b", STRONG),
        (r"\b(occupe|occupait|a occupé) (le poste|les fonctions)\b", STRONG),
        (r"\b(duties|responsibilities)\b", WEAK * 2),
        (r"\b(fonctions|tâches|responsabilités)\b", WEAK * 2),
        (r"\b(job title|position|designation|poste)\b", WEAK),
        (r"\b(salary|wage|remuneration|compensation|salaire|rémunération)\b", WEAK),
        (r"\b(hours|heures) (per|a|par|each) (week|semaine)\b", WEAK),
        (r"\b(full[- ]time|part[- ]time|temps plein|temps partiel)\b", WEAK),
        (r"\bhuman resources|ressources humaines\b", WEAK),
    ],
    "police_certificate": [
        (r"\bpolice (clearance|certificate|check|record)\b", STRONG),
        (r"\bidentity history summary\b", STRONG),
        (r"\bcriminal (record|history|background)\b", STRONG),
        (r"\bcasier judiciaire\b", STRONG),
        (r"\bnbi clearance\b", STRONG),
        (r"\bcertificate of good conduct\b", STRONG),
        (r"\b(police character|character|good conduct) certificate\b", STRONG),
        (r"\bcertificate of clearance\b", STRONG),
        (r"\bcriminal (offender record|convictions?)\b|\bconviction (information|history)\b", STRONG),
        (r"\b(no prior arrest data|based on fingerprint comparison|no adverse information)\b", STRONG),
        (r"\b(live scan|computerized criminal history)\b", STRONG),
        (r"\b(fiche anthropométrique|aucune condamnation|bulletin n\s?°\s?3)\b", STRONG),
        (r"\b(constancia de antecedentes|antecedentes penales)\b", STRONG),
        (r"\b(führungszeugnis|bundeszentralregister)\b", STRONG),  # Germany
        (r"\b(antecedentes criminais|certidão de antecedentes)\b", STRONG),  # Brazil
        (r"\brecord review\b", WEAK * 2),
        (r"\b(no (criminal )?records? (found|on file)|no conviction|néant)\b", WEAK * 2),
        (r"\b(fingerprint|arrest|conviction|police)\b", WEAK),
    ],
    "language_test": [
        (r"\b(ielts|celpip|tef canada|tcf canada|pearson test of english|pte (core|academic))\b", STRONG),
        (r"\btest report form\b", STRONG),
        (r"\b(overall band score|band score|score report)\b", STRONG),
        (r"\b(listening|reading|writing|speaking)\b", WEAK),
        (r"\b(compréhension orale|compréhension écrite|expression orale|expression écrite)\b", WEAK * 2),
        (r"\bcompréhension de l['’](oral|écrit)e?\b", WEAK * 2),
        # Tests IRCC does not accept must still be recognised as test results (LNG003).
        (r"\b(toefl|duolingo english test|test de connaissance du français|test d['’]évaluation de français)\b", STRONG),
        (r"\battestation de résultats\b", WEAK * 2),
    ],
    "eca_report": [
        (r"\beducational credential assessment\b", STRONG),
        (r"\b(world education services|comparative education service|international credential assessment service|"
         r"international qualifications assessment service|international credential evaluation service|"
         r"medical council of canada|pharmacy examining board of canada)\b", STRONG),
        (r"\bcanadian (equivalency|equivalent)\b", STRONG),
        (r"\b(credential (evaluation|assessment) report|course[- ]by[- ]course (evaluation|report)|"
         r"document[- ]by[- ]document (evaluation|report))\b", STRONG),
        (r"\b(credential|diploma|degree|bachelor|master)\b", WEAK),
    ],
    "birth_certificate": [
        (r"\b(certificate of (live )?birth|birth certificate|birth registration|extract of birth)\b", STRONG),
        (r"\b(acte|extrait d'acte|certificat) de naissance\b", STRONG),
        (r"\b(statement of live birth|entry of birth|acta de nacimiento|свидетельство о рождении)\b", STRONG),
        (r"\b(place of birth|lieu de naissance|name of (the )?child|registrar of births)\b", WEAK * 2),
        (r"\b(father|mother|père|mère)\b", WEAK),
    ],
    "marriage_certificate": [
        (r"\b(certificate of marriage|marriage certificate|marriage registration|record of marriage)\b", STRONG),
        (r"\b(acte|certificat|extrait d'acte) de mariage\b", STRONG),
        (r"\bregistration of marriages?\b|\bmarriage (was |has been )?(registered|solemni[sz]ed)\b", STRONG),
        (r"\bname of (the )?(husband|wife|bride|groom|spouse)\b", WEAK * 2),
        (r"\b(solemni[sz]ed|bride|groom|date of marriage|époux|épouse)\b", WEAK * 2),
    ],
    "passport": [
        (r"^P[<A-Z][A-Z<]{3}[A-Z<]{5,}", STRONG),  # first MRZ line of a passport
        (r"\b(passport|passeport|pasaporte)\b", WEAK * 2),
        (r"\b(passport no|passport number|no\. du passeport|date of expiry|date d'expiration|nationality|nationalité)\b", WEAK),
    ],
    "proof_of_funds": [
        (r"\b(proof of funds|bank (letter|certificate|confirmation)|balance confirmation|account statement)\b", STRONG),
        (r"\b(current|closing|available|average) balance\b", STRONG),
        (r"\b(solde (actuel|moyen|disponible)|attestation bancaire|relevé de compte)\b", STRONG),
        (r"\b(account (number|no)|savings account|chequing account|checking account|fixed deposit)\b", WEAK * 2),
        (r"\b(bank|banque)\b", WEAK),
    ],
    "translation": [
        (r"\b(certified|true and (accurate|correct)|complete and accurate) translation\b", STRONG * 2),
        (r"\btranslat(or|ion)'?s? (certification|certificate|affidavit|declaration|statement)\b", STRONG * 2),
        (r"\b(traduction (certifiée|conforme|officielle)|traducteur agréé|traductrice agréée)\b", STRONG * 2),
        (r"\b(translated (from|by)|translator|traduit de)\b", WEAK * 2),
        # The translator's statement outweighs the translated content (a letter, a certificate).
        (r"\b(affidavit|certificate|declaration|certification) of (the )?translat(or|ion)\b", STRONG * 2),
        (r"\b(competent|qualified) to translate\b|\bfluent in (both )?(the )?\w+ and (the )?(english|french)\b", STRONG * 2),
        (r"\battestation (du traducteur|de la traductrice)\b", STRONG * 2),
        (r"\btranslat(ed|ion) from (the )?\w+ (language )?(in)?to (english|french)\b|"
         r"\bde l['’]\w+ vers le (français|anglais)\b", STRONG),
    ],
}


def _openings(items) -> set[str]:
    """Lower-cased literal text that every match of a parsed pattern starts with (one of them).

    Literals are followed up to the first group or alternation, whose branches each add their own
    openings; anything else (a class, a repeat) ends the opening, so "" means "may start anyhow".
    """
    prefix = ""
    for op, av in items:
        if op is sre.AT:  # \b, ^: zero-width
            continue
        if op is sre.LITERAL:
            prefix += chr(av).lower()
            continue
        if op is sre.SUBPATTERN:
            branches = [av[3]]
        elif op is sre.BRANCH:
            branches = av[1]
        else:
            break
        return {prefix + opening for branch in branches for opening in _openings(branch)}
    return {prefix}


def _cue(pattern: str, weight: int) -> tuple[re.Pattern, int, tuple[str, ...]]:
    flags = re.IGNORECASE | re.MULTILINE
    openings = _openings(sre_parse.parse(pattern, flags))
    return re.compile(pattern, flags), weight, tuple(sorted(openings)) if "" not in openings else ()


# A cue is searched for only where one of its openings occurs in the lower-cased text: a
# case-insensitive search through every position is the slow part, and most cues are absent.
_COMPILED = {kind: [_cue(p, w) for p, w in cues] for kind, cues in _CUES.items()}

_NAME_HINTS = {
    "employment_letter": ("employment", "reference", "letter", "experience", "emploi", "work"),
    "police_certificate": ("police", "pcc", "fbi", "clearance", "casier"),
    "language_test": ("ielts", "celpip", "pte", "tef", "tcf", "language"),
    "eca_report": ("eca", "wes", "credential"),
    "birth_certificate": ("birth", "naissance"),
    "marriage_certificate": ("marriage", "mariage"),
    "passport": ("passport", "passeport"),
    "proof_of_funds": ("bank", "funds", "fonds"),
    "translation": ("translation", "traduction", "translated"),
}


@dataclass(frozen=True)
class Classification:
    kind: str
    score: int
    scores: dict[str, int]


# A document says what it is in its heading and opening, and a translator's certification
# closes it: the cues are searched there, not through every page of a long document.
HEAD_CHARS, TAIL_CHARS = 4000, 2000


def classify(text: str, filename: str = "") -> Classification:
    if len(text) > HEAD_CHARS + TAIL_CHARS:
        text = text[:HEAD_CHARS] + "\n" + text[-TAIL_CHARS:]
    lowered_name = filename.lower()
    lowered = fastmatch.lowered(text)
    scores: dict[str, int] = {}
    for kind, cues in _COMPILED.items():
        score = sum(weight for pattern, weight, openings in cues if _found(pattern, openings, text, lowered))
        if any(h in lowered_name for h in _NAME_HINTS[kind]):
            score += WEAK
        scores[kind] = score
    best = max(scores, key=lambda k: (scores[k], -list(scores).index(k)))
    if scores[best] < THRESHOLD:
        return Classification("unknown", scores[best], scores)
    return Classification(best, scores[best], scores)


def _found(pattern: re.Pattern, openings: tuple[str, ...], text: str, lowered: str | None) -> bool:
    if lowered is None or not openings:
        return pattern.search(text) is not None
    starts = [at for at in map(lowered.find, openings) if at >= 0]
    return bool(starts) and pattern.search(text, min(starts)) is not None
