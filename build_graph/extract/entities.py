"""Organisations and countries on a page: donors (header and prose), OAS bodies, partners,
national counterparts and countries covered. Every name is recognised through the registry.
"""

from __future__ import annotations

import re

from build_graph import lexicon
from build_graph.extract.orgs import OrgMention, find_orgs
from build_graph.extract.scope import scope_of
from build_graph.model import Donor, EntityRef, LineSpan
from build_graph.registry.index import Entity, EntityKind, Registry
from build_graph.slugs import fold

_PAREN = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")
# "funding is provided by the X", "with the financial support of X", "financed by X",
# "con financiamiento del X", "aportados por X"
_PROSE_FUNDING = re.compile(
    r"(?:(?:financial|generous) support|funding|financing|funds|contributions?|grants?|fondos|"
    r"apoyo financiero|financiamiento|financiaci[oó]n|aportes?|recursos|contribuci[oó]n(?:es)?)"
    r"(?:\s+(?:is|are|was|were)\s+provided)?\s+"
    r"(?:of|from|by|provided by|de|del|de la)\s+(?:the\s+|el\s+|la\s+)?"
    r"|(?:funded|financed|co-?financed|co-?funded|sponsored|financiad[oa]s?|cofinanciad[oa]s?|"
    r"aportad[oa]s?|auspiciad[oa]s?)\s+(?:by|por)\s+(?:the\s+|el\s+|la\s+)?",
    re.IGNORECASE,
)
# "the X co-finances …", "X funds …", "X financia …": the funder before its verb
_FUNDS_VERB = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:co-?\s*finances|co-?\s*funds|finances|funds|financia|cofinancia)\b",
    re.IGNORECASE)
_GOVERNANCE = re.compile(
    r"\b(regular session|special session|general assembly|summit|annual meeting|"
    r"meeting of|meetings? (?:was|were )?held|período de sesiones|asamblea general|cumbre|"
    r"reuni[oó]n anual)\b",
    re.IGNORECASE,
)
# a sentence ends at a full stop or a semicolon, not after an abbreviation ("the U.S. Department")
_SENTENCE = re.compile(r"(?<!\b[A-Z]\.[A-Z]\.)(?<=[.;])\s+(?=[A-Z0-9“\"(•])")


def _funders_channels(entities: list[Entity], registry: Registry, as_written: str, source: str,
                      line: LineSpan) -> Donor:
    """A national agency funds on behalf of its country: "Spain (AECID)" and "AECID" alike mean
    Spain funds, through AECID. A country that only its agency stands for ("Global Affairs
    Canada") is a funder the sheet implies, not one it names."""
    funders: list[EntityRef] = []
    channels: list[EntityRef] = []
    named = {e.iri for e in entities}
    for e in entities:
        if e.kind is EntityKind.NATIONAL and e.country and registry.country(e.country):
            country = registry.country(e.country)
            assert country is not None
            if country.ref() not in funders:
                funders.append(country.ref())
            channels.append(e.ref())
        elif e.ref() not in funders:
            funders.append(e.ref())
    implied = tuple(f.iri for f in funders if f.iri not in named)
    return Donor(as_written, tuple(funders), tuple(c for c in channels if c not in funders),
                 source, line, implied)


def split_donors(raw: str, registry: Registry, country: str | None, line: LineSpan,
                 source: str = "header") -> list[Donor]:
    """"Banco de Desarrollo de América Latina (CAF); Italy; Honduras" -> three donors."""
    text = raw.strip().rstrip(".")
    if not text or lexicon.key(text) in lexicon.NO_DONOR:
        return []
    whole = registry.lookup(text, country)
    if whole is not None:
        return [_funders_channels([whole], registry, text, source, line)]
    donors: list[Donor] = []
    for piece in _split_outside_parens(text):
        subparts = [piece]
        if _resolve_part(piece, registry, country, strict=True) is None:
            split = [p.strip() for p in _CONJUNCTION.split(piece) if p.strip()]
            if len(split) > 1 and all(_resolve_part(p, registry, country, strict=True)
                                      for p in split):
                subparts = split
        for part in subparts:
            part = part.strip(" .")
            if not part or lexicon.key(part) in lexicon.NO_DONOR:
                continue
            found = _resolve_part(part, registry, country) or []
            donors.append(_funders_channels(found, registry, part, source, line))
    return _rejoin_unknown(donors, registry, country, line, source)


def looks_like_donors(text: str, registry: Registry) -> bool:
    """Whether a short value reads as a donor list: "N/A", or mostly known names."""
    if lexicon.key(text) in lexicon.NO_DONOR:
        return True
    parts = [p for p in _split_outside_parens(text.rstrip(".")) if p]
    known = sum(1 for p in parts if _resolve_part(p, registry, None, strict=True))
    return bool(parts) and known * 2 >= len(parts)


def _split_outside_parens(text: str) -> list[str]:
    """Split on ';' and ',' outside parentheses."""
    parts, depth, buf = [], 0, []
    for ch in text:
        depth += (ch == "(") - (ch == ")" and depth > 0)
        if depth == 0 and ch in ";,":
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return [p for p in (x.strip() for x in parts) if p]


_CONJUNCTION = re.compile(r"\s+(?:and|y|e|&)\s+", re.IGNORECASE)


def _rejoin_unknown(donors: list[Donor], registry: Registry, country: str | None,
                    line: LineSpan, source: str) -> list[Donor]:
    """Commas inside one unknown name ("Ministry of Justice, Security and Human Rights") split it
    wrongly: rejoin neighbouring unresolved pieces when the joined name is known."""
    out: list[Donor] = []
    for d in donors:
        if out and not d.entities and not out[-1].entities:
            joined = f"{out[-1].as_written}, {d.as_written}"
            hit = registry.lookup(joined, country)
            if hit is not None:
                out[-1] = _funders_channels([hit], registry, joined, source, line)
                continue
        out.append(d)
    return out


def _resolve_part(part: str, registry: Registry, country: str | None,
                  strict: bool = False) -> list[Entity] | None:
    """The entities a donor name denotes; with ``strict``, None unless it resolves as a whole
    (or as "Name (ACRONYM)")."""
    hit = registry.lookup(part, country)
    if hit is not None:
        return [hit]
    m = _PAREN.match(part)
    if m:
        outer = registry.lookup(m.group("outer"), country)
        inner = registry.lookup(m.group("inner"), country)
        found = [e for e in (outer, inner) if e is not None]
        if outer is not None and inner is not None and outer.iri == inner.iri:
            return [outer]
        if found:
            return found
    if strict:
        return None
    return [m.entity for m in registry.mentions(part, country)]


def prose_donors(text: str, registry: Registry, country: str | None, line_of,
                 language: str = "en") -> list[Donor]:
    """Donors stated in prose: "Funding is provided by the Bureau of International Narcotics
    and Law Enforcement Affairs (INL)", "the IDB co-finances…", "Con financiamiento del Fondo
    para el Medio Ambiente Mundial (FMAM)" -> donors marked as from prose. A funder the registry
    does not know is a new organisation."""
    donors: list[Donor] = []
    for sentence in _sentences(text):
        named = _named(sentence, registry, country)
        chosen: list[tuple[int, int, str, list[EntityRef]]] = []
        for m in _PROSE_FUNDING.finditer(sentence):
            after = [n for n in named if m.end() <= n[0] <= m.end() + 2]
            if after:
                chosen += _with_coordinated(after[0], named, sentence)
        for n in named:
            if _FUNDS_VERB.match(sentence[n[1]:]):
                chosen.append(n)
        seen: set[int] = set()
        for start, _, surface, refs in chosen:
            if start in seen or not refs:
                continue
            seen.add(start)
            line = line_of(surface)
            donors.append(_funders_channels_refs(refs, registry, surface, LineSpan(line, line)))
    return donors


def _named(sentence: str, registry: Registry, country: str | None
           ) -> list[tuple[int, int, str, list[EntityRef]]]:
    """Every organisation or country a sentence names: (start, end, surface, references)."""
    found: list[tuple[int, int, str, list[EntityRef]]] = []
    for m in find_orgs(sentence, registry.is_country):
        hit = _known(m, registry, country)
        ref = hit.ref() if hit is not None else EntityRef(
            "", " ".join(m.name.split()), "new", acronym=m.acronym, scope="international",
            sentence=" ".join(sentence.split()))
        found.append((m.start, m.end, sentence[m.start:m.end], [ref]))
    for m in registry.mentions(sentence, country):
        if not any(a <= m.start < b for a, b, _, _ in found):
            found.append((m.start, m.end, m.surface, [m.entity.ref()]))
    return sorted(found, key=lambda n: n[0])


def _with_coordinated(first, named, sentence):
    """"of the United States and Canada": the coordinated names too."""
    chosen = [first]
    for nxt in [n for n in named if n[0] > first[0]]:
        gap = sentence[chosen[-1][1]: nxt[0]]
        if re.fullmatch(r"\s*(?:,|and|y|&)\s*(?:the\s+)?", gap):
            chosen.append(nxt)
        else:
            break
    return chosen


def _funders_channels_refs(refs: list[EntityRef], registry: Registry, surface: str,
                           line: LineSpan) -> Donor:
    known = [registry.get(r.iri) for r in refs if r.kind != "new" and r.iri in registry.by_iri]
    if known:
        return _funders_channels(known, registry, surface, "prose", line)
    return Donor(surface, tuple(refs), (), "prose", line)


def roles(text: str, registry: Registry, country: str | None, donors: list[Donor],
          language: str = "en", acronyms: dict[str, str] | None = None,
          line_of=None, shapes: bool = True) -> dict[str, list[EntityRef]]:
    """OAS bodies, partners, national counterparts and countries covered named in prose.

    Names are found by their shape (:mod:`build_graph.extract.orgs`) and by the registry's
    names; a shaped name the registry does not know becomes a new organisation (``kind``
    "new"), national or international by :func:`orgs.scope_of`. ``acronyms`` maps acronyms
    defined anywhere on the sheet to their long forms, so a later "the TTPS" is found too.
    """
    funded = {e.iri for d in donors for e in d.entities if e.iri}
    funded_names = {fold(d.as_written) for d in donors} | {
        fold(e.label) for d in donors for e in d.entities if e.kind == "new"}
    out: dict[str, list[EntityRef]] = {"agencies": [], "partners": [],
                                       "national_counterparts": [], "countries_covered": []}
    for sentence in _sentences(text):
        governance = bool(_GOVERNANCE.search(sentence))
        shaped = _shaped(sentence, acronyms or {}, registry) if shapes else []
        refs: dict[int, EntityRef | None] = {}
        for m in sorted(shaped, key=lambda m: m.coordinated):
            scope = _scope_of_ref(refs.get(m.neighbour), registry, country)
            ref = refs[m.start] = _shaped_ref(m, registry, country, language, sentence, line_of,
                                              scope)
            if ref is None or ref.iri in funded or fold(m.name) in funded_names or (
                    m.acronym and fold(m.acronym) in funded_names):
                continue
            _place(out, ref, registry, country, governance)
        taken = [m for m in shaped if refs.get(m.start) is not None]
        mentions = [m for m in registry.mentions(sentence, country)
                    if not any(s.start <= m.start < s.end for s in taken)
                    and not _part_of_place(sentence, m.start)
                    and not _after_qualified(sentence, m.start)]
        for k, m in enumerate(mentions):
            e = m.entity
            if e.kind is EntityKind.COUNTRY:
                if governance or e.country == country or e.iri in funded:
                    continue
                ends = [x.end for x in mentions[:k]] + [x.end for x in shaped if x.end <= m.start]
                if any(_qualifies(sentence, end, m.start) for end in ends):
                    continue  # "University of Sao Paulo (Brazil)": a partner's country
                _add(out["countries_covered"], e.ref())
            elif e.iri not in funded:
                ref = _namesake(e.ref(), m.surface, registry, country, language, sentence,
                                line_of)
                _place(out, ref, registry, country, governance)
    generic = {"https://w3id.org/oaskg/id/org/oas", "https://w3id.org/oaskg/id/org/sg"}
    if any(a.iri not in generic for a in out["agencies"]):
        out["agencies"] = [a for a in out["agencies"] if a.iri not in generic]
    return out


def _namesake(ref: EntityRef, surface: str, registry: Registry, country: str | None,
              language: str, sentence: str, line_of) -> EntityRef:
    """Another country's institution named without its country ("Ministerio de Gobernación",
    "Policía Nacional") on this country's sheet is this country's namesake: a new national
    institution, not the registry's."""
    if ref.kind != EntityKind.NATIONAL.value or not country:
        return ref
    entity = registry.get(ref.iri)
    if entity.country == country or registry.countries_in(surface):
        return ref  # "Ministry of Health of Guatemala", "Colombian Navy": that country's
    if scope_of(surface, False, False, language) != "national" or len(surface.split()) < 2:
        return ref
    line = line_of(surface) if line_of else None
    return EntityRef("", " ".join(surface.split()), "new", country=country, scope="national",
                     line=line, sentence=" ".join(sentence.split()))


def _place(out: dict[str, list[EntityRef]], ref: EntityRef, registry: Registry,
           country: str | None, governance: bool) -> None:
    if ref.kind == "new":
        _add(out["national_counterparts" if ref.scope == "national" else "partners"], ref)
    elif ref.kind == EntityKind.OAS_BODY.value:
        if not governance:
            _add(out["agencies"], ref)
    elif ref.kind == EntityKind.NATIONAL.value and registry.get(ref.iri).country == country:
        _add(out["national_counterparts"], ref)
    elif ref.kind != EntityKind.COUNTRY.value:
        _add(out["partners"], ref)


def _shaped(sentence: str, acronyms: dict[str, str], registry: Registry) -> list[OrgMention]:
    found = find_orgs(sentence, registry.is_country)
    for acronym, name in acronyms.items():
        if acronym not in sentence:
            continue  # most of the sheet's acronyms are not in this sentence
        for m in re.finditer(rf"(?<![\w(]){re.escape(acronym)}(?![\w)])", sentence):
            if not any(f.start <= m.start() < f.end for f in found):
                found.append(OrgMention(name, acronym, m.start(), m.end()))
    return sorted(found, key=lambda m: m.start)


def _after_qualified(sentence: str, start: int) -> bool:
    """"…Affairs (INL) of the U.S. Department of State": the parent of a body just named."""
    return bool(re.search(r"\)\s*(?:of the|of|del|de la|de)\s+(?:\S+\s+)?$",
                          sentence[max(0, start - 20):start]))


def _part_of_place(sentence: str, start: int) -> bool:
    """"Port of Spain": a country's name inside a place's name."""
    return bool(re.search(r"\b[A-Z][a-z]+ (?:of|de) $", sentence[max(0, start - 12):start]))


def _scope_of_ref(ref: EntityRef | None, registry: Registry, country: str | None) -> str | None:
    if ref is None:
        return None
    if ref.kind == "new":
        return ref.scope
    national = ref.kind == EntityKind.NATIONAL.value and registry.get(ref.iri).country == country
    return "national" if national else "international"


def _shaped_ref(m: OrgMention, registry: Registry, country: str | None, language: str,
                sentence: str, line_of, scope: str | None = None) -> EntityRef | None:
    """The registry entity a shaped name is, or a new organisation."""
    inner = [x.entity for x in registry.mentions(m.name, country)]
    if any(e.kind is EntityKind.OAS_BODY for e in inner) and not m.acronym:
        return None  # "Executive Secretariat of CICAD": the body its text names is found
    named = registry.countries_in(m.name)
    hit = _known(m, registry, country)
    if hit is not None:
        if hit.kind is EntityKind.COUNTRY:
            return None
        return _namesake(hit.ref(), m.name, registry, country, language, sentence, line_of)
    own = country in named or any(e.kind is EntityKind.COUNTRY and e.country == country
                                  for e in inner)
    other = bool(named - {country}) or any(e.kind is EntityKind.COUNTRY and e.country != country
                                           for e in inner)
    scope = scope or scope_of(m.name, own, other, language)
    line = line_of(m.name) if line_of else None
    return EntityRef("", " ".join(m.name.split()), "new", acronym=m.acronym,
                     country=country if scope == "national" else None, scope=scope,
                     line=line, sentence=" ".join(sentence.split()))


def _known(m: OrgMention, registry: Registry, country: str | None) -> Entity | None:
    """The registry entity a shaped name is: by acronym, by name, by a name the text cut short,
    or by the name without a trailing place ("Colombian Navy in Cartagena")."""
    for probe in (m.acronym, m.name):
        hit = registry.lookup(probe, country) if probe else None
        if hit is not None:
            return hit
    hit = registry.lookup_start(m.name, country)
    if hit is not None:
        return hit
    place = re.match(r"(.+?)\s+(?:in|en|at)\s+[A-ZÁÉÍÓÚ]", m.name)
    return registry.lookup(place.group(1), country) if place else None


def sheet_acronyms(texts: list[str]) -> dict[str, str]:
    """Every "Long Name (ACR)" a sheet defines, as {acronym: long name}."""
    found: dict[str, str] = {}
    for text in texts:
        for m in find_orgs(text):
            if m.acronym and m.acronym not in found:
                found[m.acronym] = " ".join(m.name.split())
    return found


def _qualifies(sentence: str, prev_end: int, start: int) -> bool:
    return sentence[prev_end:start].strip() == "(" and sentence[start:].find(")") >= 0


def _add(items: list[EntityRef], ref: EntityRef) -> None:
    if ref not in items:
        items.append(ref)


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s.strip()]
