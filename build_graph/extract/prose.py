"""Fifth pass: a page's prose into its three boxes — PROGRAM SUMMARY, OBJECTIVES, RESULTS.

Where each heading stands right before its text (stacked boxes, or a heading in the cell left
of its text), the headings decide. Where they do not (the three headings on one line, or all
of them far from the text), the prose is cut into passages at sentence ends that end a line,
and each passage goes to the box its content fits, the way a reader decides:

* objectives state aims: they open with a verb in the infinitive or the bare form ("Strengthen
  …", "Fortalecer …", "To establish …") or speak of an objective or a goal;
* results report what happened or is expected: counts, past tenses ("were trained", "se
  capacitaron"), targets ("expects to reach", "se prevé");
* the summary describes the program and who runs it (the rest).

Boxes printed side by side come out left to right (summary, objectives, results) within one
stretch of text, so passages in one stretch keep that order; each box is used at least once
when there are passages enough.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from build_graph.extract.blocks import Block, join_lines
from build_graph.extract.layout import Piece
from build_graph.extract.quantities import each_quantity
from build_graph.model import LineSpan

BOXES = ("summary", "objectives", "results")
Item = Piece | Block

# base forms that open an aim in English ("Strengthen the…"); Spanish aims are told by the
# infinitive ending itself
AIM_VERBS = frozenset("""
achieve address advance advise advocate analyse analyze assess assist build certify collect
combat consolidate contribute coordinate create design detect develop disseminate diversify
document educate eliminate empower enable encourage enhance ensure eradicate establish estimate
evaluate expand facilitate foster generate harmonise harmonize help identify implement improve
increase inform institutionalise institutionalize integrate introduce map maximise maximize
measure mitigate mobilise mobilize modernise modernize monitor observe offer optimise optimize
prepare prevent promote protect provide raise reduce reinforce restore review sensitise
sensitize set share standardise standardize strengthen support train update verify
""".split())
_ES_INFINITIVE = re.compile(r"^[a-záéíóúñ]{2,}(?:ar|er|ir)$")
_NOT_INFINITIVE = frozenset("lugar hogar mar par militar popular particular nivel por"
                            .split())
_AIM_WORDS = re.compile(
    r"\b(?:objectives?|aims? (?:to|at)|goals?|purpose|seeks? to|objetivos?|prop[oó]sito|"
    r"busca|pretende|finalidad|meta)\b", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:were|has been|have been|held|trained|completed|reached|delivered|produced|"
    r"adopted|presented|launched|published|graduated|admitted|benefited|visited|conducted|"
    r"organi[sz]ed|participated|attended|certified|issued|signed|carried out|took place|"
    r"received|achieved|finali[sz]ed|outplanted|deployed|fueron|se [a-záéíóúñ]+(?:aron|ieron|ó)|"
    r"[a-záéíóúñ]{3,}(?:aron|ieron)|"
    r"expects?|will|is expected|(?:is|are) being|se prev[eé]|prevé|espera|se est[aá])\b",
    re.IGNORECASE)
_SUMMARY = re.compile(
    r"\b(?:program(?:me)?|project|initiative|mission|programa|proyecto|iniciativa|misi[oó]n|"
    r"department|departamento|secretariat|secretar[ií]a|implement(?:s|ed)? (?:by|with)|"
    r"in partnership|together with|junto con|en conjunto|since|desde|through|a trav[eé]s)\b",
    re.IGNORECASE)
_LINE_SENTENCE_END = re.compile(r"[.!?;][\"”’)]?$")


@dataclass(frozen=True)
class Passage:
    """Lines of one prose stretch between two sentence ends that end a line."""

    zone: int  # the prose block it comes from: boxes side by side keep their order in one
    lines: tuple[tuple[int, str], ...]
    after_form: bool = False  # it stands after the page's label block, with prose before it

    @property
    def text(self) -> str:
        return join_lines(t for _, t in self.lines)


def assign_boxes(items: list[Item], taken: set[int] = frozenset()) -> tuple[
        dict[str, str], dict[str, LineSpan], set[int]]:
    """Box texts, their line spans, and the ids of the blocks used (``taken``: blocks the form
    already claimed)."""
    _values_after_prose(items, taken)
    prose = [i for i in items if isinstance(i, Block) and i.kind == "prose" and id(i) not in taken]
    if not prose:
        return {}, {}, set()
    owners = _by_headings(items, prose)
    if owners is not None:
        chosen = [(box, list(block.lines)) for block, box in owners]
    else:
        passages = _passages(items, prose)
        labels = _label(passages)
        chosen = [(box, list(p.lines)) for p, box in zip(passages, labels, strict=True)]
    texts: dict[str, list[str]] = {}
    spans: dict[str, LineSpan] = {}
    for box, lines in chosen:
        texts.setdefault(box, []).append(join_lines(t for _, t in lines))
        old = spans.get(box)
        first, last = lines[0][0], lines[-1][0]
        spans[box] = LineSpan(min(first, old.first) if old else first,
                              max(last, old.last) if old else last)
    return ({b: "\n\n".join(t) for b, t in texts.items()}, spans, {id(b) for b in prose})


def _values_after_prose(items: list[Item], taken: set[int]) -> None:
    """Short lines no form field took, right after a box's prose, end that box ("Agency
    responsible in the country: …")."""
    for k in range(1, len(items)):
        item, prev = items[k], items[k - 1]
        if (isinstance(item, Block) and item.kind == "value" and id(item) not in taken
                and isinstance(prev, Block) and prev.kind == "prose"
                and (":" in item.text or len(item.text.split()) >= 6)):
            item.kind = "prose"


def mark_box_texts(items: list[Item], taken: set[int] = frozenset()) -> None:
    """Short lines right under a heading that stands alone are that box's text, however short
    ("National Cybersecurity Strategy of Guatemala approved;")."""
    for k, item in enumerate(items):
        if isinstance(item, Piece) and item.kind == "heading" and len(item.boxes) == 1:
            for nxt in items[k + 1:]:
                if not (isinstance(nxt, Block) and nxt.kind == "value") or id(nxt) in taken:
                    break
                nxt.kind = "prose"


def _by_headings(items: list[Item], prose: list[Block]) -> list[tuple[Block, str]] | None:
    """Each single heading right before its text: every prose block belongs to the heading
    above it. None when the headings do not stand that way."""
    heads = [k for k, i in enumerate(items) if isinstance(i, Piece) and i.kind == "heading"]
    if len(heads) < 2 or any(len(items[k].boxes) != 1 for k in heads):
        return None
    if any(k + 1 >= len(items) or not any(items[k + 1] is b for b in prose) for k in heads):
        return None
    owners: list[tuple[Block, str]] = []
    box = None
    for item in items:
        if isinstance(item, Piece) and item.kind == "heading":
            box = item.value
        elif isinstance(item, Block) and any(item is b for b in prose):
            if box is None:
                return None
            owners.append((item, box))
        elif isinstance(item, Piece) and item.kind == "label":
            box = None
    return owners


def _passages(items: list[Item], prose: list[Block]) -> list[Passage]:
    """Passages of every prose block; one block (text with no blank line or form text inside)
    is one zone. A block that opens in lower case or with a list item (other than a first one
    after a sentence end) goes on the passage before it."""
    labels = [k for k, i in enumerate(items) if isinstance(i, Piece) and i.kind == "label"]
    position = {id(i): k for k, i in enumerate(items)}
    before = labels and any(position[id(b)] < labels[0] for b in prose)
    out: list[Passage] = []
    for zone, block in enumerate(prose):
        after = bool(before and position[id(block)] > labels[-1])
        for part in _cut(block.lines):
            if out and _goes_on(out[-1].lines[-1][1], part[0][1]):
                out[-1] = Passage(out[-1].zone, out[-1].lines + tuple(part), out[-1].after_form)
            else:
                out.append(Passage(zone, tuple(part), after))
    return out


_LIST_ITEM = re.compile(r"^\s*(?:\(?(\d{1,2}|[ivx]{1,4}|[a-h])[.)]|[•·▪◦\-–*])\s")


def _goes_on(prev: str, first: str) -> bool:
    if first[:1].islower():
        return True
    m = _LIST_ITEM.match(first)
    if not m:
        return False
    return m.group(1) not in ("1", "i", "a") or prev.rstrip().endswith(":")


def _cut(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    parts: list[list[tuple[int, str]]] = [[]]
    for k, (n, t) in enumerate(lines):
        parts[-1].append((n, t))
        nxt = lines[k + 1][1] if k + 1 < len(lines) else ""
        if nxt and _LINE_SENTENCE_END.search(t) and not _goes_on(t, nxt) and (
                nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in "“\"(•-"):
            parts.append([])
    return [p for p in parts if p]


def aim_score(text: str) -> float:
    """How much a passage reads as an objective.

    >>> aim_score("Strengthen the national teams."), aim_score("Fortalecer la detección.")
    (2.0, 2.0)
    >>> aim_score("The Mission held meetings with 9 parties.")
    0.0
    """
    words = re.findall(r"[^\W\d_]+", text)
    if not words:
        return 0.0
    first = words[0].lower()
    score = 0.0
    if first in AIM_VERBS or (first in ("to", "para") and len(words) > 1
                              and (words[1].lower() in AIM_VERBS
                                   or _ES_INFINITIVE.match(words[1].lower()))):
        score += 2.0
    elif _ES_INFINITIVE.match(first) and first not in _NOT_INFINITIVE:
        score += 2.0
    if _AIM_WORDS.search(" ".join(text.split()[:6])):
        score += 2.0  # "The general objective of this program is to…"
    elif _AIM_WORDS.search(" ".join(text.split()[:12])):
        score += 1.0
    return score


def result_score(text: str) -> float:
    """How much a passage reads as results: counts, past tenses, targets, and an opening that
    dates what happened ("In 2016, …", "Durante el primer año…", "To this date…") or lists it.

    >>> result_score("In 2016, the Network was launched.") > result_score("The Network is a forum.")
    True
    """
    counts = _at_most(3, each_quantity(text, lambda *_: 0, context=text))
    past = _at_most(4, _PAST.finditer(text))
    opening = 1.5 if _RESULT_OPENING.match(text) else 0.0
    return counts * 0.8 + past * 0.3 + opening


def summary_score(text: str) -> float:
    """How much a passage reads as a summary: it describes the program and who runs it,
    opening with the program or a body as its subject ("The Multilateral Evaluation Mechanism
    (MEM) was created…") or with a frame ("Through the…", "Within the framework of…")."""
    first = _first_sentence(text)
    score = 0.6 + _at_most(3, _SUMMARY.finditer(text)) * 0.3
    if _SUMMARY_OPENING.match(text):
        score += 1.0
    if _NAMED_SUBJECT.match(first) and not _RESULT_OPENING.match(text):
        score += 1.0
    return score


def _at_most(limit: int, found: Iterator) -> int:
    """How many things ``found`` yields, counting no further than ``limit`` (a score counts
    the first few)."""
    return sum(1 for _ in islice(found, limit))


def _first_sentence(text: str) -> str:
    m = re.search(r"[.;](?:\s|$)", text)
    return text[:m.start()] if m else text


_RESULT_OPENING = re.compile(
    r"^\s*(?:(?:in|during|by|since|between|from|until|as of|at the end of|en|durante|desde|"
    r"entre|hasta|al cierre de|a fines de|a finales de)\s+(?:the\s+|el\s+|la\s+)?"
    r"(?:(?:first|second|third|last|primer|segundo|último)\s+)?(?:[a-záéíóú]+\s+(?:de\s+)?)?"
    r"(?:19|20)\d\d\b|(?:during|in|durante|en)\s+(?:the|el)\s+(?:first|primer)\b|"
    r"to this date|to date|so far|a la fecha|hasta (?:la fecha|ahora)|among the results|"
    r"entre los resultados|as a result|como resultado|\(?\d{1,2}[.)]\s|"
    r"in the (?:next|coming|following)|it is expected|en los pr[oó]ximos|se espera|se prev[eé])",
    re.IGNORECASE)
_SUMMARY_OPENING = re.compile(
    r"^\s*(?:through|within the framework|in the framework|in order to|at the (?:invitation|"
    r"request)|following (?:a|the) request|upon request|en el marco|a trav[eé]s|con el fin de|"
    r"a solicitud|por invitaci[oó]n|a pedido)\b", re.IGNORECASE)
_NAMED_SUBJECT = re.compile(
    r"^\s*(?:[Tt]he|[Ee]l|[Ll]a|[Ll]os|[Ll]as)\s+(?:[A-Z][\w\-’']*\s+){1,}(?:[a-z]+\s+){0,3}"
    r"(?:[A-Z][\w\-’']*|\([A-Z]{2,}\))")


def _scores(p: Passage) -> dict[str, float]:
    """Content scores; text after the form, when the page has boxes before it too, is most
    often the summary (the first box, which PDF producers paint after the form)."""
    text = p.text
    return {"summary": summary_score(text) + (1.5 if p.after_form else 0.0),
            "objectives": aim_score(text), "results": result_score(text)}


def _label(passages: list[Passage]) -> list[str]:
    """The best box sequence: passages of one zone keep the boxes' order; switching box costs
    a little; a box left empty while passages remain costs more."""
    scores = [_scores(p) for p in passages]
    order = {b: k for k, b in enumerate(BOXES)}
    # state: (box, frozenset used) -> (score, labels)
    states: dict[tuple[str, frozenset], tuple[float, list[str]]] = {("", frozenset()): (0.0, [])}
    for k, p in enumerate(passages):
        new: dict[tuple[str, frozenset], tuple[float, list[str]]] = {}
        same_zone = k > 0 and passages[k - 1].zone == p.zone
        for (prev, used), (total, labels) in states.items():
            for box in BOXES:
                if same_zone and prev and order[box] < order[prev]:
                    continue
                if box != prev and box in used:
                    continue  # a box is one stretch of text
                gain = scores[k][box] - (1.0 if prev and box != prev else 0.0)
                key = (box, used | {box})
                cand = (total + gain, labels + [box])
                if key not in new or cand[0] > new[key][0]:
                    new[key] = cand
        states = new
    need = min(3, len(passages))
    best = max(states.values(), key=lambda s: s[0] + 3.0 * min(len(set(s[1])), need))
    return best[1]
