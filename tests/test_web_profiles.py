"""Issue 14, in-process: profile pages of organisations, countries, programs and donors, the
program browser, Spanish pages, search, /sparql as HTML and the index, asserted against the
two real sheets (checked by hand against documents/ and the built graph):

- CICAD implements 6 activities, all on the Guatemala sheet (MEM, PROCCER, SAVIA, SIDUC Latino,
  the drug observatories, counterdrug capacity building); its units OID, the MEM groups and the
  Supply Reduction Unit implement beside it. SMS has 12 activities in 10 programs once its
  units (DPS, the OID and the Supply Reduction Unit through ES/CICAD) are rolled up.
- Spain funds 3 programs on the Guatemala sheet (SAVIA; "Spain (AECID)" twice: access to
  justice, and institutions for victims and witnesses), 2 through AECID.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from conftest import DOCUMENTS

from build_graph.web.app import Publisher, load_sources
from build_graph.web.graphview import GraphView
from build_graph.web.sparql_endpoint import SparqlEndpoint

ID = "https://w3id.org/oaskg/id/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
MARKUP = "<i>Ética</i> & \"código\""
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
INSTITUTIONS = "strengthening-of-institutions-specialized-in-the-assistance-and-protection-of"
POLICE = "interamerican-network-for-police-development-and-professionalization"


@pytest.fixture(scope="module")
def site(built_out):
    """The build, plus a Spanish label holding markup on one program."""
    store = ox.Store()
    store.bulk_load(path=str(built_out / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    store.add(ox.Quad(ox.NamedNode(ID + "program/code-of-ethics"),
                      ox.NamedNode(SKOS + "prefLabel"), ox.Literal(MARKUP, language="es"),
                      ox.NamedNode("https://w3id.org/oaskg/graph/test")))
    view = GraphView(store)
    endpoint = SparqlEndpoint(store, timeout=10, max_results=50)
    yield Publisher(view, built_out, endpoint, load_sources(view, DOCUMENTS))
    endpoint.close()


def get(site, target, accept=BROWSER, language=None):
    headers = {"accept": accept}
    if language:
        headers["accept-language"] = language
    return site.handle("GET", target, headers)


def html(site, target, language=None) -> str:
    r = get(site, target, language=language)
    assert r.status == 200, (target, r.status)
    return r.body.decode()


def main(page: str) -> str:
    return page.split("<main>", 1)[1].split("</main>", 1)[0]


def section(page: str, anchor: str) -> str:
    """The HTML from the heading with ``id=anchor`` to the next h2."""
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start + 1)
    return page[start:end if end > 0 else None]


INLINE = r"</?(?:a|span|small|strong|abbr|time|i)\b[^>]*>"


def text(fragment: str) -> str:
    """What a reader sees: inline markup dropped, other tags as spaces, entities decoded."""
    import html as html_module

    flat = re.sub(r"<[^>]+>", " ", re.sub(INLINE, "", fragment))
    return " ".join(html_module.unescape(flat).split())


def numbers(page: str) -> dict[str, str]:
    """The key-number strip: what it counts -> the number."""
    strip = page.split('<ul class="facts">', 1)[1].split("</ul>", 1)[0]
    return {what: n for n, what in re.findall(r"<li><b>([^<]*)</b>([^<]*)</li>", strip)}


def table_rows(fragment: str) -> list[str]:
    return re.findall(r"<tr>(.*?)</tr>", fragment.split("<tbody>", 1)[1], re.S)


# --- organisations -----------------------------------------------------------------------------
def test_cicad_implements_six_activities_on_the_guatemala_sheet_with_its_units(site):
    page = html(site, "/id/org/cicad.html")
    assert numbers(page) == {"activities": "6", "programs": "6", "country (sheets)": "1",
                             "years": "1998–"}
    implements = section(page, "role-implements")
    assert "Implements <small" in implements and "(6 activities)" in implements
    rows = table_rows(implements)
    assert len(rows) == 6
    assert all('<a href="/id/activity/oas-country-sheet-guatemala/' in r for r in rows)
    by_program = {re.search(r'href="/id/program/([^"]+)"', r).group(1): r for r in rows}
    assert sorted(by_program) == [
        "counterdrug-capacity-building-program", "multilateral-evaluation-mechanism-mem",
        "program-to-strengthen-national-drug-observatories",
        "savia-programa-salud-y-vida-en-las-americas", "siduc-latino",
        "training-and-certification-program-proccer"]
    # its units implement beside it, and say so; SAVIA and PROCCER are CICAD's alone
    assert "with its unit Inter-American Observatory on Drugs Guatemala" in text(
        by_program["siduc-latino"])
    assert "with its units MEM Governmental Expert Group, MEM Intergovernmental Working Group" \
        in text(by_program["multilateral-evaluation-mechanism-mem"])
    assert "badge unit" not in by_program["savia-programa-salud-y-vida-en-las-americas"]
    assert "Organization of American States</a> › <strong>Inter-American Drug Abuse Control " \
           "Commission</strong>" in page


def test_sms_rolls_up_its_units_and_marks_them(site):
    page = html(site, "/id/org/sms.html")
    assert numbers(page) == {"activities": "12", "programs": "10", "countries (sheets)": "2",
                             "years": "2008–"}
    assert "Includes the programs of its units, marked as such." in page
    rows = {re.search(r'href="/id/program/([^"]+)"', r).group(1): text(r)
            for r in table_rows(section(page, "role-implements"))}
    assert len(rows) == 10
    assert "through its unit Department of Public Security" in rows["code-of-ethics"]
    assert "Uruguay" in rows["code-of-ethics"]
    assert "through its unit Inter-American Observatory on Drugs" in rows["siduc-latino"]
    assert "through its unit CICAD Supply Reduction Unit" in rows[
        "counterdrug-capacity-building-program"]
    assert "through" not in rows["training-and-certification-program-proccer"]  # SMS itself
    assert "Guatemala, Uruguay" in rows[POLICE]


def test_organisation_page_keeps_raw_statements_and_review_notice_elsewhere(site):
    page = html(site, "/id/org/cicad.html")
    assert '<h2 id="raw">Raw statements</h2>' in page and "skos:altLabel" in page
    assert "is implemented by of" not in page and "Needs review" not in page
    minted = html(site, "/id/org/gt-presidency.html")
    assert '<p class="review"><strong>Needs review</strong>' in minted
    assert "National counterpart in" in minted


# --- donors ------------------------------------------------------------------------------------
def test_spain_funds_three_programs_two_through_aecid(site):
    page = html(site, "/id/country/es.html")
    donor = section(page, "donor")
    assert ("Spain funds 3 programs. 2 of them through Spanish Agency for International "
            "Development Cooperation.") in text(donor)
    rows = [text(r) for r in table_rows(donor)]
    assert len(rows) == 3
    through = [r for r in rows if "through Spanish Agency for International" in r]
    assert len(through) == 2
    assert all("Department of Public Security" in r for r in through)
    savia = next(r for r in rows if "SAVIA" in r)
    assert "through" not in savia and "1 Jul 2016 – 31 Oct 2018" in savia
    assert "Guatemala Also covers: El Salvador, Honduras" in " ".join(rows)
    assert "No sheet reports" not in page and 'id="sheets"' not in page


def test_aecid_channels_spains_funds_and_is_a_partner_through_its_office(site):
    page = html(site, "/id/org/aecid.html")
    donor = text(section(page, "donor"))
    assert "Spanish Agency for International Development Cooperation channels funds to 2 " \
           "programs." in donor
    assert donor.count("channel for Spain") == 2
    partner = text(section(page, "role-partner"))
    assert "SAVIA" in partner and "through its unit AECID Technical Cooperation Office in " \
                                  "Guatemala" in partner


# --- countries ---------------------------------------------------------------------------------
def test_guatemala_profile(site):
    page = html(site, "/id/country/gt.html")
    assert numbers(page) == {"sheet": "1", "programs": "13", "donors": "12",
                             "OAS bodies": "10", "national counterparts": "16"}
    assert 'href="/id/document/oas-country-sheet-guatemala">' in section(page, "sheets")
    assert "13 activities" in section(page, "sheets")
    pillars = section(page, "programs")
    assert re.search(r'>Security</a> <small class="muted">\(10\)</small>', pillars)
    assert 'No pillar set <small class="muted">(3)</small>' in pillars
    donors = text(section(page, "donors"))
    assert "Spain (3 programs)" in donors and "United States (4 programs)" in donors
    assert "Department of Public Security (5 programs)" in text(section(page, "bodies"))
    timeline = section(page, "timeline")
    assert len(table_rows(timeline)) == 9  # the activities with a date
    assert "Multilateral Evaluation Mechanism (MEM)</a></td><td>1998–</td>" in timeline
    # status unknown, explained: the sheets give end dates, the build had no --as-of
    assert "built without --as-of" in page
    assert "Guatemala funds 1 program." in text(section(page, "donor"))
    assert "<svg" in section(page, "picture")


def test_a_country_of_another_sheet_shows_what_covers_it(site):
    page = html(site, "/id/country/sv.html")
    covered = text(section(page, "covered"))
    assert covered.count("Guatemala's sheet") == 4  # migration, access to justice, victims, SIDUC
    assert "SIDUC Latino" in covered


def test_a_registry_country_in_no_activity(site):
    page = html(site, "/id/country/ag.html")
    assert "No sheet reports programs in this country, and it funds none." in page


# --- programs ----------------------------------------------------------------------------------
def test_program_profile_tables_every_sheet(site):
    page = html(site, f"/id/program/{POLICE}.html")
    assert numbers(page) == {"countries (sheets)": "2", "countries covered": "2",
                             "donors": "3", "OAS body": "1", "years": "2015–2020"}
    rows = [text(r) for r in table_rows(section(page, "where"))]
    assert [r.split()[0] for r in rows] == ["Guatemala", "Uruguay"]
    assert rows[0].startswith("Guatemala 1 Jul 2015 – 1 Jul 2020 Unknown")
    assert "CAF – Development Bank of Latin America Honduras Italy" in rows[0]
    assert "Partners: National Police Academy of Honduras, Police Community of the Americas, " \
           "University of São Paulo" in rows[0]
    # the network's target, stated in the same words on both sheets, counts once
    totals = text(section(page, "totals"))
    assert "200,000 officers Target" in totals and "340 police officers Target" in totals


def test_program_with_a_channel(site):
    page = html(site, f"/id/program/{INSTITUTIONS}.html")
    row = text(table_rows(section(page, "where"))[0])
    assert "Spain (through Spanish Agency for International Development Cooperation)" in row
    assert "Also covers: Belize, Costa Rica, Dominican Republic, El Salvador, Honduras, " \
           "Nicaragua, Panama" in row
    assert numbers(page)["countries covered"] == "8"


def test_picture_uses_the_gephi_colours(site):
    from build_graph.export.style import COLOURS

    svg = section(html(site, "/id/org/cicad.html"), "picture")
    for kind in ("Program", "Donor", "OAS body", "Country"):
        r, g, b = COLOURS[kind]
        assert f"rgb({r},{g},{b})" in svg, kind
    assert '<a href="/id/org/cicad"><title>Inter-American Drug Abuse Control Commission' in svg
    assert 'stroke="#1b1f24" stroke-width="2.5"' in svg  # the page's own node is marked


# --- dates, statuses, ontology -----------------------------------------------------------------
def test_activity_shows_one_value_per_date_with_the_text_as_written(site):
    page = html(site, f"/id/activity/oas-country-sheet-guatemala/{INSTITUTIONS}.html")
    facts = page.split('<dl class="props">', 1)[1].split("</dl>", 1)[0]
    start = re.search(r"<dt>Start</dt><dd>(.*?)</dd>", facts).group(1)
    end = re.search(r"<dt>End</dt><dd>(.*?)</dd>", facts).group(1)
    assert text(start) == "19 Jun 2015 (as written: “6/19/2015”)"
    assert text(end) == "16 Jun 2017 (as written: “6/16/2017 to”)"
    assert "2015-06-19" not in facts
    status = re.search(r"<dt>Status</dt><dd>(.*?)</dd>", facts).group(1)
    assert "without a reference date (oaskg build --as-of)" in text(status)


def test_ontology_shows_unions_as_a_or_b(site):
    page = html(site, "/ontology.html")
    funder = page.split('id="funder"', 1)[1].split("</dd>", 1)[0]
    assert re.search(r"range: <a [^>]*>country</a> or <a [^>]*>organization</a>", funder)
    assert not re.search(r">n[0-9a-f]{6,}<|_:", main(page))


# --- the program browser -----------------------------------------------------------------------
def browser_rows(page: str) -> list[str]:
    return re.findall(r'<tr data-program="[^"]*"><td><a href="/id/program/([^"]+)"', page)


def test_browser_combines_two_filters(site):
    page = html(site, "/programs?country=gt&donor=es")
    assert sorted(browser_rows(page)) == [
        "savia-programa-salud-y-vida-en-las-americas",
        "strengthening-access-to-justice-for-victims-of-crime-in-el-salvador-honduras",
        INSTITUTIONS]
    assert '<p id="found">3 programs</p>' in page
    facet = page.split('data-facet="body"', 1)[1].split("</section>", 1)[0]
    counts = dict(re.findall(r">([^<>]+)</a><span class=\"count\">(\d+)</span>", facet))
    assert counts == {"Department of Public Security": "2",
                      "Secretariat for Multidimensional Security": "2",
                      "Inter-American Drug Abuse Control Commission": "1"}
    # a further choice keeps both filters in its link; the chosen one's link removes it
    assert 'href="/programs?pillar=security&amp;country=gt&amp;donor=es"' in page
    assert '<a href="/programs?country=gt" aria-current="true">Spain</a>' in page
    assert '<a href="/programs?country=gt" title="Remove this filter">✕ Donor: Spain</a>' in page


def test_browser_body_filter_takes_its_units(site):
    page = html(site, "/programs?pillar=security&body=cicad")
    assert sorted(browser_rows(page)) == [
        "multilateral-evaluation-mechanism-mem", "savia-programa-salud-y-vida-en-las-americas",
        "siduc-latino", "training-and-certification-program-proccer"]
    units = html(site, "/programs?body=oid")
    assert sorted(browser_rows(units)) == ["program-to-strengthen-national-drug-observatories",
                                           "siduc-latino"]
    everything = html(site, "/programs")
    assert len(browser_rows(everything)) == 15 and '<p id="found">15 programs</p>' in everything


def test_browser_years_status_and_unknown_values(site):
    page = html(site, "/programs?year=2019&status=unknown")
    assert sorted(browser_rows(page)) == [POLICE]  # 2015-2020 on both sheets
    open_ended = html(site, "/programs?status=open-ended&year=2019")
    assert sorted(browser_rows(open_ended)) == [
        "multilateral-evaluation-mechanism-mem",
        "program-to-strengthen-national-drug-observatories"]
    wrong = html(site, "/programs?country=atlantis")
    assert "No country is named “atlantis”; that filter is ignored." in wrong
    assert len(browser_rows(wrong)) == 15


# --- languages ---------------------------------------------------------------------------------
def test_spanish_by_accept_language_and_override(site):
    r = get(site, "/id/org/cicad.html", language="es-UY,es;q=0.9,en;q=0.5")
    page = r.body.decode()
    assert dict(r.headers)["Content-Language"] == "es"
    assert ("Vary", "Accept-Language") in r.headers
    assert '<html lang="es">' in page
    assert "<h1>Comisión Interamericana para el Control del Abuso de Drogas</h1>" in page
    assert "Ejecuta <small" in page and "(6 actividades)" in page
    assert "<dt>Forma parte de</dt>" in page
    assert '<a href="/id/org/oas">Organización de los Estados Americanos</a>' in page
    assert ">ejecutado por</a>" in page  # the ontology's rdfs:label@es in the raw statements
    forced = get(site, "/id/org/cicad.html?lang=en", language="es").body.decode()
    assert '<html lang="en">' in forced and 'href="/id/org/oas?lang=en"' in forced
    chosen = get(site, "/programs?country=gt&lang=es").body.decode()
    assert '<html lang="es">' in chosen
    assert 'href="/programs?pillar=security&amp;country=gt&amp;lang=es"' in chosen
    assert '<input type="hidden" name="lang" value="es">' in chosen
    assert 'href="/programs?country=gt&amp;lang=en" hreflang="en"' in chosen


def test_the_303_keeps_the_language_choice(site):
    r = get(site, "/id/org/cicad?lang=es")
    assert r.status == 303 and dict(r.headers)["Location"] == "/id/org/cicad.html?lang=es"


def test_document_text_is_escaped_in_every_new_page(site):
    for target in ("/programs?lang=es", "/id/program/code-of-ethics.html?lang=es",
                   "/id/org/dps.html?lang=es", "/search?q=etica&lang=es", "/?lang=es"):
        page = html(site, target)
        assert "<i>Ética</i>" not in page, target
        assert "&lt;i&gt;Ética&lt;/i&gt; &amp; &quot;código&quot;" in page, target


# --- search ------------------------------------------------------------------------------------
def search_hits(site, q: str) -> list[str]:
    page = html(site, "/search?q=" + q)
    hits = page.split('<ol id="hits">', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'<li><a href="/id/([^"]+)"', hits)


def test_search_ranks_exact_acronyms_and_names_first(site):
    cicad = search_hits(site, "cicad")
    assert cicad[0] == "org/cicad"
    assert {"org/cicad-supply-reduction-unit", "org/es-cicad"} <= set(cicad)
    assert search_hits(site, "AECID")[:2] == ["org/aecid", "org/otc-aecid-guatemala"]
    assert search_hits(site, "comision interamericana para el control del abuso de drogas"
                       )[0] == "org/cicad"  # the Spanish name, no accents
    assert search_hits(site, "DEPARTAMENTO DE SEGURIDAD PÚBLICA")[0] == "org/dps"
    assert search_hits(site, "Guatemala")[0] == "country/gt"
    assert search_hits(site, "nothing like this") == []


# --- index and dataset -------------------------------------------------------------------------
def test_index_and_dataset_show_only_who_takes_part(site):
    index = main(html(site, "/"))
    for absent in ("/id/org/jica", "/id/org/koica", "/id/org/giz", "/id/country/ag"):
        assert f'href="{absent}"' not in index, absent
    assert re.search(r"<h2 id=\"countries\">Countries \(18\)</h2>", index)
    assert '<a href="/id/org/oas">Organization of American States</a>' in index  # the tree
    assert "<strong><a href=\"/id/org/dps\">Department of Public Security</a></strong>" in index
    dataset = main(html(site, "/dataset.html"))
    examples = section(dataset, "examples")
    assert "Antigua" not in examples
    assert re.findall(r'href="/id/([^"]+)"', examples) == [
        f"program/{POLICE}", "activity/oas-country-sheet-guatemala/counterdrug-capacity-building"
        "-program", "org/dps", "country/us", "country/gt"]  # the most activities or results


# --- /sparql for people ------------------------------------------------------------------------
QUERY = ("/sparql?query=PREFIX%20oaskg%3A%20%3Chttps%3A%2F%2Fw3id.org%2Foaskg%2Fontology%23%3E"
         "%20SELECT%20%3Fa%20%3Fd%20WHERE%20%7B%20%3Fa%20oaskg%3Afunder%20%3Fd%20%7D%20"
         "ORDER%20BY%20%3Fa%20%3Fd")


def test_sparql_answers_a_browser_with_a_table(site):
    r = get(site, QUERY)
    assert r.status == 200 and r.media_type == "text/html"
    page = r.body.decode()
    assert "<textarea" in page and "oaskg:funder" in page
    assert '<p id="row-count">17 rows.</p>' in page
    assert '<a href="/id/country/es" title="https://w3id.org/oaskg/id/country/es">Spain</a>' \
        in page


@pytest.mark.parametrize("accept,media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv", "text/csv"),
    (None, "application/sparql-results+json"),
])
def test_sparql_keeps_the_protocol_for_every_other_accept(site, accept, media):
    headers = {"accept": accept} if accept else {}
    r = site.handle("GET", QUERY, headers)
    assert r.status == 200 and r.media_type.startswith(media)


def test_sparql_page_reports_a_bad_query(site):
    r = get(site, "/sparql?query=SELEC%20nothing")
    assert r.status == 400 and r.media_type == "text/html"
    assert "The query failed (HTTP 400)" in r.body.decode()
    ask = get(site, "/sparql?query=ASK%20%7B%7D&format=html").body.decode()
    assert "Yes (true)" in ask


# --- the static site ---------------------------------------------------------------------------
def test_static_site_has_the_same_pages_in_both_languages(built_out, tmp_path):
    from urllib.parse import unquote, urlsplit

    from build_graph.rdf.store import open_store
    from build_graph.web.site import write_site

    folder = tmp_path / "site"
    write_site(GraphView(open_store(built_out)), built_out, folder)
    spanish = (folder / "es/id/org/cicad.html").read_text()
    assert '<html lang="es">' in spanish and "(6 actividades)" in spanish
    assert 'href="../../../id/org/cicad.html" hreflang="en"' in spanish
    assert 'href="../../../id/org/cicad.ttl"' in spanish  # the RDF exists once, at the top
    english = (folder / "id/org/cicad.html").read_text()
    assert 'href="../../es/id/org/cicad.html" hreflang="es"' in english
    browser = (folder / "programs.html").read_text()
    assert len(browser_rows(browser.replace('href="id/program/', 'href="/id/program/'))) == 15
    assert 'id="browser-data"' in browser
    for page in ("es/id/org/cicad.html", "es/index.html", "es/programs.html",
                 "id/country/gt.html", "programs.html"):
        path = folder / page
        hrefs = re.findall(r'href="([^"]+)"', path.read_text())
        local = [h for h in hrefs if not urlsplit(h).scheme and not h.startswith("#")]
        missing = [h for h in local if not (path.parent / unquote(h.split("#")[0].split("?")[0])
                                            ).resolve().is_file()]
        assert local and missing == [], page
