"""Telling the three prose boxes apart: PROGRAM SUMMARY, OBJECTIVES and RESULTS.

The headings in the extracted text are often stacked before the texts or out of order, so each
paragraph is scored by what it says (an objective is an aim: "To strengthen…", "The objective
is…"; a result reports or expects: "In 2016, … trained…", "It is expected…"; a summary
describes the program: "… was created…", "Through the … Program, …"), and the page's
paragraphs are cut into at most three contiguous runs, one per box, by the best total score.
Headings that stand each right before their own text are trusted instead.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from build_graph.extract.quantities import quantities

BOXES = ("summary", "objectives", "results")

_OBJ_START = re.compile(
    r"^(?:\W*)(?:to\s+[a-z]+|contribute|strengthen|promote|develop|optimi[sz]e|support|create|"
    r"improve|increase|establish|foster|enhance|provide|build|reduce|prevent|facilitate|"
    r"encourage|ensure|generate|consolidate|the\s+(?:general\s+|main\s+|primary\s+|specific\s+)?"
    r"objectives?|objectives?|its\s+(?:specific\s+)?(?:goals|objectives)|contribuir|fortalecer|"
    r"promover|desarrollar|apoyar|mejorar|establecer|crear|incrementar|aumentar|generar|"
    r"facilitar|impulsar|prevenir|reducir|el\s+objetivo|los\s+objetivos|objetivo)\b",
    re.IGNORECASE,
)
_OBJ_ANY = re.compile(r"\b(objectives?|aims? (?:at|to)|seeks? to|goals?|purpose is|objetivos?|"
                      r"busca|tiene como (?:fin|objetivo))\b", re.IGNORECASE)
_RES_START = re.compile(
    r"^(?:\W*)(?:in\s+(?:19|20)\d\d|during\s+(?:19|20)\d\d|in\s+(?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december)\b|to\s+(?:this\s+)?date|"
    r"among the results|as a result|under this (?:project|program)|recently|it is expected|"
    r"in the (?:following|next|coming)|there (?:is|are|was|were)|publication of|so far|"
    r"results?\b|\d+\s*[.)]?\s+\d|en\s+(?:19|20)\d\d|durante|hasta la fecha|como resultado|"
    r"entre los resultados|se espera|se prev[eé]|a la fecha|en los pr[oó]ximos|"
    r"se\s+\w+[oó]\s|en\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    r"setiembre|octubre|noviembre|diciembre)\b|\d[\d.,]*\s*\(\s*\d|"
    r"\d[\d.,]*\s+(?:\w+\s+){1,4}(?:trained|received|were|capacitad|recibieron))",
    re.IGNORECASE,
)
_RES_ANY = re.compile(
    r"\b(trained|were trained|was (?:produced|approved|prepared|launched|developed|finali[sz]ed)|"
    r"has (?:been )?(?:carried out|delivered|produced|finali[sz]ed|conducted|elaborated|trained)|"
    r"have been|received|participated|delivered|conducted|organized|carried out|achieved|"
    r"expects? to|expected|will|plans? to|capacitad[oa]s|se realiz|se capacit|participaron|"
    r"elaboraci[oó]n|approved by)\b",
    re.IGNORECASE,
)
_SUM_START = re.compile(
    r"^(?:\W*)(?:through\s+(?:the|its|this)|the\s+(?:oas|department|inter-american|"
    r"(?:program|programme|project)(?!\s+team)|initiative|mechanism|network|purpose)|"
    r"within the framework|"
    r"program(?:me)? to|project to|this (?:program|project|initiative)|a través del?|el programa|"
    r"la red|el proyecto|programa (?:de|para)|proyecto (?:de|para))",
    re.IGNORECASE,
)
_SUM_ANY = re.compile(
    r"\b(was created|has created|is a (?:program|project|mechanism|supply|network)|"
    r"is implementing|began implementing|is implemented|is structured|known (?:as|by)|"
    r"is the only|supports|has been (?:assisting|working)|seeks to promote|mechanism for|"
    r"is comprised|works? with|implements|is carried out|responds to|fue cread[oa]|"
    r"es un (?:programa|proyecto|mecanismo)|implementa|se implementa|ejecuta|se ejecuta|"
    r"se lleva a cabo|responde a|comenz[oó] a ejecutar)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Paragraph:
    text: str
    first: int
    last: int
    after_header: bool  # stands after the page's header block (where the summary box prints)
    marked: bool  # starts a new text box in the PDF


_LIST_MARK = re.compile(r"^\W*(?:\d{1,2}[.)]|\(\d{1,2}\)|[•·▪\-\*])\s+")


def scores(text: str) -> dict[str, float]:
    """How much a paragraph reads like each box (higher is more)."""
    head = _LIST_MARK.sub("", text[:160])
    s = {"summary": 0.0, "objectives": 0.0, "results": 0.0}
    if _OBJ_START.match(head):
        s["objectives"] += 3.0
    s["objectives"] += 1.0 * min(2, len(_OBJ_ANY.findall(head)))
    if _RES_START.match(head):
        s["results"] += 3.0
    s["results"] += 0.6 * min(4, len(_RES_ANY.findall(text)))
    s["results"] += 0.4 * min(3, len(quantities(text, lambda *_: 0)))
    if _SUM_START.match(head):
        s["summary"] += 2.0
    s["summary"] += 0.8 * min(3, len(_SUM_ANY.findall(text)))
    return s


_ORDER_PRIOR = {("objectives", "results", "summary"): 1.0}


def assign(paragraphs: list[Paragraph]) -> list[str]:
    """The box of each paragraph: contiguous runs, each box at most once."""
    n = len(paragraphs)
    if n == 0:
        return []
    table = [scores(p.text) for p in paragraphs]
    # the summary box prints right after the form's header, which stands between the boxes
    middle = any(p.after_header for p in paragraphs) and not paragraphs[0].after_header
    for p, s in zip(paragraphs, table, strict=True):
        if p.after_header and middle:
            s["summary"] += 2.5
    heads = [_LIST_MARK.sub("", p.text[:160]) for p in paragraphs]
    starts = [bool(_OBJ_START.match(h) or _RES_START.match(h) or _SUM_START.match(h))
              for h in heads]
    best: tuple[float, list[str]] = (float("-inf"), [])
    for k in range(1, min(3, n) + 1):
        for order in itertools.permutations(BOXES, k):
            for cuts in itertools.combinations(range(1, n), k - 1):
                bounds = (0, *cuts, n)
                labels: list[str] = []
                total = _ORDER_PRIOR.get(order, 0.0) if k == 3 else 0.0
                for box, a, b in zip(order, bounds, bounds[1:], strict=False):
                    labels += [box] * (b - a)
                    total += sum(table[i][box] for i in range(a, b))
                    if a > 0:
                        total += 0.5 if paragraphs[a].marked else 0.0
                        total -= 0.0 if starts[a] else 1.5  # a box seldom starts mid-thought
                if total >= best[0]:  # on a tie, the later cut (longer earlier runs)
                    best = (total, labels)
    return best[1]
