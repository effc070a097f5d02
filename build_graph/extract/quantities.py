"""Numbers the RESULTS prose reports: how many people were trained, units set up, studies made.

"31 (3 women, 28 men) government officials trained" -> 31, "government officials trained",
achieved, women 3, men 28. Targets ("expects to … train 120 staff", "trains at least 340
police officers") are marked as targets. Years, percentages, ordinals, resolution numbers,
durations and list numbers are not quantities.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_graph.model import Quantity

_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
    "diez": 10, "veinte": 20,
}
_NUMBER = re.compile(
    r"(?<![\w/.,\-])(?P<num>\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+|"
    + "|".join(_WORDS) + r")"
    r"(?:\s*\(\d+\))?"  # "two (2) workshops"
    r"(?P<breakdown>\s*\([^)]*\b(?:women|men|mujeres|hombres|female|male)\b[^)]*\))?"
    r"\s+(?P<what>[A-Za-zÁÉÍÓÚÑáéíóúñ][\w\-’']*(?:\s+[\w\-’']+){0,5})",
    re.IGNORECASE,
)
_NOT_AFTER = re.compile(
    r"^(?:%|percent|por ciento|of\b|de\b|out\b|years?|months?|weeks?|days?|hours?|times|"
    r"años?|meses|semanas|días?|horas|veces|st\b|nd\b|rd\b|th\b|[a-z]{1,2}\b|and\b|or\b|to\b|"
    r"member states\b)", re.IGNORECASE)
_BEFORE_EXCLUDES = re.compile(
    r"(?:resolution|resolución|res\.|unscr|article|artículo|phase|round|no\.|number|número|"
    r"decree|decreto|law|ley|plan of action|group|cohort|edition|\bof the|\bin|\bsince|"
    r"\bby|\buntil|\bfrom|\bduring)\s*$", re.IGNORECASE)
_STOP = re.compile(
    r"\s+(?:in|on|at|to|for|from|during|with|by|who|which|that|of|as|through|covering|per|"
    r"en|(?:de|del)(?!\s+(?-i:[a-záéíóúñ]))|para|con|por|que|durante|sobre|received|were|was|recibieron|fueron|participaron|"
    r"han|have|has)(?=\s|$).*$|\s+and\s+(?:will|were|was|has|have|are|is|"
    r"had|can)\b.*$", re.IGNORECASE)
_TARGET = re.compile(
    r"\b(expects?|expected|will|shall|plans? to|aims? to|at least|goal|target|intends?|"
    r"se espera|esperan?|prevé|preven|planea|meta|pretende|busca|se capacitará)\b",
    re.IGNORECASE)
_BREAKDOWN = re.compile(r"(\d+)\s*(women|men|mujeres|hombres|female|male)", re.IGNORECASE)
_PARTICIPLES = ("trained", "certified", "capacitados", "capacitadas", "received", "assisted",
                "participated", "benefited", "reached", "graduated", "formados")
_SENTENCE = re.compile(r"(?<=[.:])\s+(?=[A-Z0-9“\"(•])|\s+(?=\d{1,2}[.)]\s)|\n\s*\n")
_AUX = {"were", "was", "have", "has", "been", "are", "is", "fueron", "han", "sido"}
_ANAPHORA = re.compile(r"\b(?:these|those|the|such|estos|estas|los|las)\s*$", re.IGNORECASE)
_AFTER_BREAKDOWN = re.compile(r"^\s*\(([^)]*\b(?:women|men|mujeres|hombres)\b[^)]*)\)",
                              re.IGNORECASE)


def quantities(text: str, line_of, context: str = "") -> list[Quantity]:
    """Every quantity in a RESULTS text, in order, each with its sentence as evidence.

    ``context`` is the rest of the page: a number it names as a resolution ("Resolution 1540")
    is never a quantity in the results either ("the 1540 points of contact").
    """
    return list(each_quantity(text, line_of, context))


def each_quantity(text: str, line_of, context: str = "") -> Iterator[Quantity]:
    """The quantities of :func:`quantities` one at a time, for a caller that needs only the
    first few."""
    excluded = {m.group(1) for m in re.finditer(
        r"(?:Resolution|Resolución|UNSCR)\s+(\d+)", f"{text} {context}", re.IGNORECASE)}
    for sentence in _SENTENCE.split(text):
        sentence = sentence.strip()
        for m in _NUMBER.finditer(sentence):
            q = _quantity(m, sentence, excluded, line_of)
            if q is not None:
                yield q


def _quantity(m: re.Match[str], sentence: str, excluded: set[str], line_of) -> Quantity | None:
    raw = m.group("num")
    digits = raw.replace(",", "").replace(".", "")
    value = _WORDS.get(raw.lower()) if not raw[0].isdigit() else int(digits)
    if value is None or raw in excluded:
        return None
    before = sentence[: m.start()]
    after = m.group("what")
    if _NOT_AFTER.match(after) or _BEFORE_EXCLUDES.search(before) or _ANAPHORA.search(before):
        return None
    if _open_parens(before):
        return None  # inside parentheses: "(two per country)", "(3 women, 28 men)"
    if raw.isdigit() and 1900 <= value <= 2100 and not m.group("breakdown"):
        return None  # a year
    if re.match(r"^\s*$", before) and re.match(r"^\d{1,2}[.)]", sentence[m.start():]):
        return None  # a list number
    if re.search(r"-\s*$", before) or sentence[m.end("num"): m.end("num") + 1] in ("-", "%"):
        return None
    if not raw[0].isdigit() and not after[:1].islower() and not before.strip():
        return None  # "Two" starting a sentence and a name is rarely a count
    what = _what(after)
    if not what:
        return None
    women = men = None
    if m.group("breakdown"):
        for n, sex in _BREAKDOWN.findall(m.group("breakdown")):
            if sex.lower() in ("women", "mujeres", "female"):
                women = int(n)
            else:
                men = int(n)
    tail = sentence[m.end("num"):]
    extra = _AFTER_BREAKDOWN.match(tail[len(tail) - len(tail.lstrip()):][len(what) + 1:] or "")
    if extra and women is None and men is None:
        for n, sex in _BREAKDOWN.findall(extra.group(1)):
            if sex.lower() in ("women", "mujeres", "female"):
                women = int(n)
            else:
                men = int(n)
    status = "target" if _is_target(before, tail) else "achieved"
    return Quantity(value, what, status, women, men, sentence, line_of(raw, sentence))


def _open_parens(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)  # "1) In June…": a list marker closes nothing
    return depth > 0


def _is_target(before: str, after: str) -> bool:
    """An expectation before the number ("expects to … train 120"), or a future verb soon after
    it in the same clause ("750 officers … will have been trained")."""
    if _TARGET.search(before):
        return True
    clause = re.split(r"\s+(?:and|who|which|y|que)\s+|[,;]", after, maxsplit=1)[0]
    return bool(re.search(r"\b(will|shall|se espera)\b", " ".join(clause.split()[:14])))


def _what(after: str) -> str:
    words = _STOP.sub("", after).strip(" ,;:.").split()
    keep: list[str] = []
    for w in words:
        if w.lower() in _AUX:
            continue
        keep.append(w.strip(",;:."))
        if w.endswith((",", ";", ":", ".")) or w.lower().strip(",;:.") in _PARTICIPLES:
            break
    while keep and keep[-1].lower() in ("and", "or", "the", "a", "y", "o"):
        keep.pop()
    return " ".join(keep)
