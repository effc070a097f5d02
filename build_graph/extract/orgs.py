"""Organisations named in a sheet, found by their shape, with or without the registry.

No registry can list every ministry, police force, court and NGO of 35 countries, so names are
recognised the way a reader recognises them:

* a name followed by its acronym in parentheses — "Servicio Nacional de Aprendizaje (SENA)";
  the long form is the shortest run of words before the parenthesis that spells the acronym's
  letters in order, its first letter starting a word (Schwartz and Hearst's rule for
  abbreviations); later mentions by the acronym alone are the same organisation;
* a run of capitalised words (joined by "of", "de la", "del", "and", "y"…) holding an
  institutional head word — Ministry, Ministerio, Secretaría, Commission, Comisión, Council,
  Police, Policía, Registraduría, Procuraduría, Fiscalía, Tribunal, Instituto, Authority,
  Office, Unit, University, Foundation…;
* a name coordinated with one of those ("Microsoft and the Global Forum on Cyber Expertise").

A program's own name ("… Program", "Misión de …") is not an organisation.

>>> [(m.name, m.acronym) for m in find_orgs("Trabaja con el Servicio Nacional de Aprendizaje "
...                                         "(SENA) y con la Policía Nacional.")]
[('Servicio Nacional de Aprendizaje', 'SENA'), ('Policía Nacional', None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from build_graph import lexicon

HEADS = frozenset("""
ministry ministerio ministries secretariat secretaría secretaria commission comisión comision
council consejo consejería consejeria police policía policia service servicio servicios
registraduría registraduria procuraduría procuraduria fiscalía fiscalia contraloría contraloria
defensoría defensoria tribunal tribunals court courts corte judiciary judicatura institute
instituto institution institución authority autoridad authorities office oficina unit unidad
directorate dirección direccion department departamento agency agencia university universidad
universidade college foundation fundación fundacion association asociación asociacion trust
bank banco fund fondo parliament parlamento congress congreso assembly asamblea brigade brigada
army ejército ejercito navy armada jurisdicción jurisdiccion superintendence superintendencia
observatory observatorio team centre center centro organization organisation organización
organizacion bureau chamber cámara camara municipality municipalidad gobernación gobernacion
alcaldía alcaldia forum foro board junta coalition coalición federation federación
force forces fuerza constabulary guard guardia gendarmerie gendarmería gendarmeria prefecture
prefectura carabineros
cooperative cooperativa society sociedad corporation corporación company empresa
""".split())
# a person's office, not a body: "Commissioner of Police", "Ministro de Salud"
PERSON_TITLES = frozenset("""
commissioner minister director president secretary ambassador attorney judge chief head
governor mayor ministro ministra directora presidente presidenta secretario secretaria
embajador embajadora juez jueza jefe jefa gobernador gobernadora alcalde alcaldesa comisionado
comisionada
""".split()) - {"secretaria"}
# a program, not an organisation: a name whose first or last word is one of these
PROGRAM_HEADS = frozenset("""
program programme project mission mechanism initiative strategy plan campaign course survey
network programa proyecto misión mision mecanismo iniciativa estrategia campaña encuesta
""".split())
# a document, not an organisation: a name whose first or last word is one of these
DOCUMENT_HEADS = frozenset("""
code law act policy report manual protocol convention resolution declaration agreement
código codigo ley política politica informe protocolo convención convencion resolución
resolucion declaración declaracion acuerdo
""".split())
CONNECTORS = lexicon.NAME_LINKS
_ARTICLES = frozenset("the el la los las".split())
# on an OAS sheet these mean the Organization's own organs, not a country's institutions
OAS_ORGANS = frozenset("""
general secretariat|permanent council|general assembly|secretaria general|consejo permanente|
asamblea general|executive secretariat|secretaria ejecutiva|technical secretariat|
secretaria tecnica
""".replace("\n", "").split("|"))
_WORD = re.compile(r"[^\W_](?:[\w'’&/\-]|\.(?=\w))*\.?(?<=[A-Z]\.)|[^\W_](?:[\w'’&/\-]|\.(?=\w))*"
                   r"|&|\(|\)|,|;|:|\.|[“”\"]|\n\s*\n")
# capitalised at the start of a sentence, not because they name something
_OPENERS = frozenset("""
here there this these that those it its in on at since with through by for from after before
during under between among also and but so then today now however as while when where which
en con desde durante entre para por hoy además este esta estos estas ese esa su sus así también
al como cuando donde both either ambos ambas tanto
""".split())
MONTHS = lexicon.MONTH_NAMES
_ACRONYM = re.compile(r"^[A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑáéíóúñ0-9&./\-]*[A-Z0-9][A-Za-z]*$")


@dataclass(frozen=True)
class OrgMention:
    """An organisation named at [start, end) of a text, with the acronym the text gives it."""

    name: str
    acronym: str | None
    start: int
    end: int
    coordinated: bool = False  # found only through its list neighbour
    neighbour: int | None = None  # where that neighbour starts: its scope is this one's


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


def _is_cap(word: str) -> bool:
    first = word[:1]
    if first.isupper():
        return word.lower() not in MONTHS
    # "eCommerce", "iPhone": a capital in the second or third letter
    return (first.islower() and (word[1:2].isupper() or word[2:3].isupper())
            and word.lower() not in MONTHS)


def is_acronym(word: str) -> bool:
    """"TTPS", "TT-CSIRT", "MAPP/OEA", "SBDC Belize" is not one word; "Paz" is no acronym."""
    letters = [c for c in word if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return bool(_ACRONYM.match(word)) and upper >= 2 and upper * 2 >= len(letters)


def long_form(words: list[str], acronym: str) -> int | None:
    """Index into ``words`` where the long form of ``acronym`` starts, or None.

    >>> long_form("with the Elections and Boundaries Commission".split(), "EBC")
    2
    """
    letters = [c.lower() for c in acronym if c.isalnum()]
    if not letters:
        return None
    text = " ".join(words).lower()
    starts = [sum(len(w) + 1 for w in words[:k]) for k in range(len(words))]
    i, j = len(letters) - 1, len(text) - 1
    while i >= 0:
        c = letters[i]
        while j >= 0 and (text[j] != c or (i == 0 and j > 0 and text[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return None
        i -= 1
        j -= 1
    first = j + 1
    k = max(k for k, s in enumerate(starts) if s <= first)
    return k


def find_orgs(text: str, is_place=None) -> list[OrgMention]:
    """Organisation mentions in one text, in order, without overlaps. ``is_place`` tells a
    place's name ("Belize's National Drug Abuse Control Council" is the Council)."""
    return list(_find_orgs(text, is_place))


@lru_cache(maxsize=4096)
def _find_orgs(text: str, is_place) -> tuple[OrgMention, ...]:
    tokens = _tokens(text)
    runs = _runs(tokens)
    found = _with_acronyms(text, tokens) + _headed_runs(text, runs, is_place)
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[OrgMention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return tuple(sorted(kept + _coordinated(text, runs, kept), key=lambda m: m.start))


def _with_acronyms(text: str, tokens: list[tuple[str, int, int]]) -> list[OrgMention]:
    out: list[OrgMention] = []
    for k, (w, _, _) in enumerate(tokens):
        if w != "(" or k + 2 >= len(tokens) or tokens[k + 2][0] != ")":
            continue
        acronym = tokens[k + 1][0]
        if not is_acronym(acronym):
            continue
        window = _name_before(tokens, k)
        if not window:
            continue
        words = [t[0] for t in window]
        at = long_form(words, acronym)
        if at is None:
            continue
        while at < len(words) - 1 and (words[at].lower() in CONNECTORS | _OPENERS
                                       or not _is_cap(words[at])):
            at += 1
        name_tokens = window[at:]
        name = text[name_tokens[0][1]:name_tokens[-1][2]]
        if _is_program(name) or len(name_tokens) < 2 or not _has_head(name):
            continue
        out.append(OrgMention(name, acronym, name_tokens[0][1], tokens[k + 2][2]))
    return out


def _name_before(tokens: list[tuple[str, int, int]], k: int) -> list[tuple[str, int, int]]:
    """The words before a parenthesis, back to a sentence break or a lower-case word that is no
    connector (at most 14 words)."""
    window: list[tuple[str, int, int]] = []
    j = k - 1
    while j >= 0 and len(window) < 14:
        w = tokens[j][0]
        if w in (".", ";", ":", "(", ")", "“", "”", '"') or w.startswith("\n"):
            break
        if w == ",":
            nxt = tokens[j + 1][0] if j + 1 < len(tokens) else ""
            if not _is_cap(nxt) or nxt.lower() in HEADS:
                break
        elif not _is_cap(w) and w.lower() not in CONNECTORS and w != "&":
            break
        window.insert(0, tokens[j])
        j -= 1
    return window


def _runs(tokens: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Runs of capitalised words joined by connectors; "and the" / "y la" starts a new run."""
    runs: list[list[tuple[str, int, int]]] = []
    cur: list[tuple[str, int, int]] = []
    for k, tok in enumerate(tokens):
        w = tok[0]
        low = w.lower()
        nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        if _is_cap(w) or w == "&":
            cur.append(tok)
            continue
        joins = cur and low in CONNECTORS and not (
            low in ("and", "y", "e") and (nxt.lower() in {"with", "con"}
                                          or nxt.lower() in HEADS
                                          or _new_name_follows(tokens, k)
                                          or _ends_in_head_before_plain(cur, nxt)
                                          or _named_before(cur, nxt)))
        if low in ("a", "an") and nxt.lower() not in ("la", "las", "los", "el"):
            joins = False  # "a" joins Spanish names ("Reparación Integral a las Víctimas")
        if w == "," and cur and _list_comma(tokens, k):
            joins = True
        if joins:
            cur.append(tok)
            continue
        if cur:
            runs.append(cur)
        cur = []
    if cur:
        runs.append(cur)
    return [trimmed for trimmed in map(_trim, runs) if trimmed]


def _new_name_follows(tokens: list[tuple[str, int, int]], k: int) -> bool:
    """"…Transformation and the Trinidad and Tobago … Response Team": after "and the" comes a
    name with a head word of its own; "…Niñez y la Adolescencia" goes on."""
    j = k + 1
    while j < len(tokens) and tokens[j][0].lower() in _ARTICLES | {"del", "de", "of"}:
        j += 1
    if j == k + 1:
        return False
    if j >= len(tokens) or not _is_cap(tokens[j][0]):
        return True
    while j < len(tokens) and (_is_cap(tokens[j][0]) or tokens[j][0].lower() in CONNECTORS):
        if tokens[j][0].lower() in HEADS:
            return True
        j += 1
    return False


def _named_before(cur: list[tuple[str, int, int]], nxt: str) -> bool:
    """"Fundación Agua Viva y Acción Verde": a head word and its name, then "y" and another
    name; but "Ministry of Health and Wellness" (a complement) and "Elections and Boundaries
    Commission" (the head comes after) are one."""
    words = [t[0].lower() for t in cur]
    head = next((k for k, w in enumerate(words) if w in HEADS), None)
    if head is None or not _is_cap(nxt):
        return False
    return not any(w in ("of", "de", "del", "for", "para", "on", "sobre") for w in words[head:])


def _ends_in_head_before_plain(cur: list[tuple[str, int, int]], nxt: str) -> bool:
    """"The HALO Trust y Humanity & Inclusion": a finished name, then another; but "Coastal
    Zone Management Authority and Institute" is one."""
    return cur[-1][0].lower() in HEADS and nxt.lower() not in HEADS


def _list_comma(tokens: list[tuple[str, int, int]], k: int) -> bool:
    """"Ministry of Education, Culture, Science and Technology": a comma inside a name, when
    capitalised words that are no head word follow and the list closes with "and"/"y"."""
    j = k + 1
    while j < len(tokens):
        w = tokens[j][0]
        if w.lower() in HEADS or is_acronym(w):
            return False
        if w.lower() in ("and", "y", "e"):
            return j + 1 < len(tokens) and _is_cap(tokens[j + 1][0])
        if w != "," and not _is_cap(w):
            return False
        j += 1
    return False


def _trim(run: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Without the links at either end, nor a sentence's first word before an article
    ("Participan la Procuraduría…", "Apoyan la Universidad…")."""
    if len(run) > 2 and run[1][0].lower() in _ARTICLES and run[0][0].lower() not in HEADS \
            and _is_cap(run[2][0]):
        run = run[2:]
    return _trim_links(run)


def _trim_links(run: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    while run and (run[-1][0].lower() in CONNECTORS or run[-1][0] in (",", "&")):
        run = run[:-1]
    while run and (run[0][0].lower() in CONNECTORS | _OPENERS or run[0][0] in (",", "&")):
        run = run[1:]
    return run


def _headed_runs(text: str, runs: list[list[tuple[str, int, int]]], is_place=None
                 ) -> list[OrgMention]:
    out: list[OrgMention] = []
    for run in runs:
        words = [t[0] for t in run]
        # a possessive place before the name: "Belize's National Drug Abuse Control Council"
        # (but "Children's Authority" is one name)
        for k, w in enumerate(words):
            if w.endswith(("'s", "’s")) and k + 1 < len(words) and is_place \
                    and is_place(" ".join(words[:k] + [w[:-2]])):
                run, words = run[k + 1:], words[k + 1:]
                break
        if _qualifier(text, run[0][1]):
            continue
        named_intl = words[-1].lower() in ("international", "internacional")
        if (not _has_head(" ".join(words)) and not named_intl) or len(words) < 2 \
                or _plural_group(words):
            continue
        content = [w for w in words if w.lower() not in CONNECTORS]
        if len(content) < 2:
            continue  # "the Unit" is not a name; "HALO Trust", "Ministerio de Gobernación" are
        name = text[run[0][1]:run[-1][2]]
        if _is_program(name) or fold_name(name) in OAS_ORGANS:
            continue
        out.append(OrgMention(name, None, run[0][1], run[-1][2]))
    return out


def _qualifier(text: str, start: int) -> bool:
    """"…Humanitario (BRDEH) del Ejército Nacional", "…(INL) of the U.S. Department of State":
    the body a name just given belongs to, not another partner."""
    before = text[max(0, start - 12):start]
    return bool(re.search(r"\)\s*(?:of the|of|del|de la|de los|de)\s+$", before))


def _has_head(name: str) -> bool:
    return any(w.lower() in HEADS for w in re.findall(r"[^\W\d_]+", name))


def _plural_group(words: list[str]) -> bool:
    """"Police Institutions of the 34 Member States", "Centros para el Desarrollo…": a class of
    bodies, not one body (its first or last word is a plural noun)."""
    def plural(w: str) -> bool:
        low = w.lower()
        return (len(low) > 4 and low.endswith("s") and not low.endswith(("ss", "us", "is"))
                and not is_acronym(w) and (low[:-1] in HEADS or low[:-2] in HEADS
                                           or low.endswith(("ions", "ones", "ies"))))
    content = [w for w in words if w.lower() not in CONNECTORS]
    return bool(content) and (plural(content[0]) or plural(content[-1]))


def fold_name(name: str) -> str:
    from build_graph.slugs import fold

    return fold(re.sub(r"^(?:the|el|la|los|las)\s+", "", name, flags=re.IGNORECASE))


def _is_program(name: str) -> bool:
    """A program or a document, not a body: one of those head nouns among its first three
    content words ("Inter-American Network for…", "Code of Ethics…") or last."""
    words = [w.lower().strip("'’") for w in name.split()]
    content = [w for w in words if w not in CONNECTORS]
    return bool(content) and (any(w in PROGRAM_HEADS for w in content[:3])
                              or content[-1] in PROGRAM_HEADS | DOCUMENT_HEADS
                              or any(w in DOCUMENT_HEADS | PERSON_TITLES for w in content[:2]))


def _coordinated(text: str, runs: list[list[tuple[str, int, int]]],
                 found: list[OrgMention]) -> list[OrgMention]:
    """A capitalised name joined by "and"/"y" to a found organisation is one too."""
    out: list[OrgMention] = []
    starts = {m.start: m for m in found}
    ends = {m.end: m for m in found}
    for run in runs:
        if len(run) > 4:
            continue
        start, end = run[0][1], run[-1][2]
        if any(m.start <= start < m.end for m in found):
            continue
        after = text[end:end + 9].lower()
        m = re.match(r"\s+(?:and|y)\s+(?:the\s+|el\s+|la\s+)?", after)
        before = re.search(r"(?:\)|\w)\s+(?:and|y)\s+(?:the\s+|el\s+|la\s+)?$",
                           text[max(0, start - 12):start])
        left = next((e for e in ends if before and 0 <= start - e <= 12
                     and re.fullmatch(r"\s+(?:and|y)\s+(?:the\s+|el\s+|la\s+)?",
                                      text[e:start])), None)
        if m and end + m.end() in starts:
            neighbour = end + m.end()
        elif left is not None:
            neighbour = ends[left].start  # "The HALO Trust y Humanity & Inclusion"
        else:
            continue
        name = text[start:end]
        if _is_program(name) or all(w[0].lower() in CONNECTORS for w in run):
            continue
        if re.search(r"\b(?:its|their|his|her|su|sus)\s+$", text[max(0, start - 7):start],
                     re.IGNORECASE):
            continue  # "the UN 1540 Committee, its Group of Experts": a part of another body
        out.append(OrgMention(name, None, start, end, coordinated=True, neighbour=neighbour))
    return out
