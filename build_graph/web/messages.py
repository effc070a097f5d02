"""The interface's words in English and Spanish: key -> (English, Spanish). ``{name}`` fields
are filled in by :func:`build_graph.web.i18n.text`; keys ending in ``html`` hold markup and are
not escaped (they take no values from documents)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the frame --------------------------------------------------------------------------
    "language name": ("English", "Español"),
    "search labels": ("Search names and acronyms", "Buscar nombres y siglas"),
    "footer": ("The OAS cooperation-programs knowledge graph · data CC BY 4.0",
               "El grafo de conocimiento de los programas de cooperación de la OEA · datos "
               "CC BY 4.0"),
    "programs": ("Programs", "Programas"),
    "program": ("Program", "Programa"),
    "dataset": ("Dataset", "Conjunto de datos"),
    "ontology": ("Ontology", "Ontología"),
    "queries": ("Queries", "Consultas"),
    "download": ("Download", "Descargar"),
    "none": ("None.", "Ninguno."),
    "index": ("Index", "Índice"),
    "back to index": ("Back to the index", "Volver al índice"),
    # --- index and dataset ------------------------------------------------------------------
    "site title": ("OAS cooperation programs", "Programas de cooperación de la OEA"),
    "index intro": ("Programs of the Organization of American States as reported on its "
                    "country sheets, as linked data: every page is also Turtle, JSON-LD and "
                    "N-Triples.",
                    "Los programas de la Organización de los Estados Americanos según sus "
                    "fichas de país, como datos enlazados: cada página también está en Turtle, "
                    "JSON-LD y N-Triples."),
    "browse programs": ("Browse the programs", "Explorar los programas"),
    "index note": ("Organisations and countries are listed when they take part in at least one "
                   "activity; the rest of the registry is reachable by its IRI, search and "
                   "SPARQL.",
                   "Se listan las organizaciones y los países que participan en al menos una "
                   "actividad; el resto del registro sigue accesible por su IRI, la búsqueda y "
                   "SPARQL."),
    "activities": ("Activities (a program on one country's sheet)",
                   "Actividades (un programa en la ficha de un país)"),
    "oas bodies": ("OAS bodies", "Órganos de la OEA"),
    "donors": ("Donors", "Donantes"),
    "partners": ("Partners", "Socios"),
    "national counterparts": ("National counterparts", "Contrapartes nacionales"),
    "counterparts": ("Counterparts", "Contrapartes"),
    "countries": ("Countries", "Países"),
    "source documents": ("Source documents", "Documentos fuente"),
    "the dataset": ("The dataset", "El conjunto de datos"),
    "licence": ("Licence", "Licencia"),
    "triples": ("{n} triples", "{n} tripletas"),
    "wikidata links": ("{n} links to Wikidata", "{n} enlaces a Wikidata"),
    "void description": ("Machine-readable description (VoID + DCAT)",
                         "Descripción legible por máquinas (VoID + DCAT)"),
    "sparql endpoint": ("SPARQL endpoint", "Punto de acceso SPARQL"),
    "sparql protocol": ("SPARQL 1.1 Protocol, read-only", "Protocolo SPARQL 1.1, solo lectura"),
    "downloads": ("Downloads", "Descargas"),
    "example resources": ("Example resources", "Recursos de ejemplo"),
    "what it holds": ("What it holds", "Qué contiene"),
    "holds": ("{p} programs in {a} activities; {o} organisations and {c} countries take part.",
              "{p} programas en {a} actividades; participan {o} organizaciones y {c} países."),
    "classes": ("Classes", "Clases"),
    "class": ("Class", "Clase"),
    "instances": ("Instances", "Instancias"),
    # --- search -----------------------------------------------------------------------------
    "search": ("Search", "Búsqueda"),
    "n results for": ("{n} resources match “{q}”.", "{n} recursos coinciden con «{q}»."),
    "n results for one": ("{n} resource matches “{q}”.", "{n} recurso coincide con «{q}»."),
    "names matching": ("Names matching", "Nombres que coinciden con"),
    "search note": ("Names, other names and acronyms in English and Spanish, ignoring case and "
                    "accents; exact acronyms and names first.",
                    "Nombres, otros nombres y siglas en inglés y español, sin distinguir "
                    "mayúsculas ni tildes; primero las siglas y los nombres exactos."),
    "kind of org": ("organisation", "organización"),
    "kind of country": ("country", "país"),
    "kind of program": ("program", "programa"),
    "kind of activity": ("activity", "actividad"),
    "kind of document": ("source document", "documento fuente"),
    "kind of result": ("result", "resultado"),
    # --- resource pages ---------------------------------------------------------------------
    "same as": ("Same as", "Igual que"),
    "raw statements": ("Raw statements", "Declaraciones en bruto"),
    "links to this": ("Links to this", "Enlaces a este recurso"),
    "links to this note": ("Resources that point here, by the property they use.",
                           "Recursos que apuntan aquí, según la propiedad que usan."),
    "the activity": ("The activity", "La actividad"),
    "country": ("Country", "País"),
    "pillar": ("Pillar", "Pilar"),
    "status": ("Status", "Estado"),
    "start": ("Start", "Inicio"),
    "end": ("End", "Fin"),
    "implemented by": ("Implemented by", "Ejecutado por"),
    "also covers": ("Also covers", "También abarca"),
    "beneficiaries": ("Beneficiaries", "Beneficiarios"),
    "web page": ("Web page", "Página web"),
    "summary": ("Summary", "Resumen"),
    "objectives": ("Objectives", "Objetivos"),
    "results as written": ("Results as written", "Resultados tal como se redactaron"),
    "additional information": ("Additional information", "Información adicional"),
    "results": ("Results", "Resultados"),
    "quantity": ("Quantity", "Cantidad"),
    "what": ("What", "Qué"),
    "evidence": ("Evidence (quoted)", "Evidencia (cita)"),
    "women": ("women", "mujeres"),
    "men": ("men", "hombres"),
    "women men": ("{women} women, {men} men", "{women} mujeres, {men} hombres"),
    "provenance": ("Provenance", "Procedencia"),
    "from": ("From", "De"),
    "lines": ("lines {first}–{last}", "líneas {first}–{last}"),
    "lines unknown": ("lines unknown", "líneas desconocidas"),
    "program page": ("program page {n}", "página de programa {n}"),
    "as written": ("as written: “{raw}”", "tal como figura: «{raw}»"),
    "open ended": ("ongoing (open-ended)", "continuo (sin fecha de fin)"),
    "unknown no as-of": ("the sheet gives an end date, but this build was made without a "
                         "reference date (oaskg build --as-of) to tell ongoing from closed",
                         "la ficha da una fecha de fin, pero esta compilación se hizo sin fecha "
                         "de referencia (oaskg build --as-of) para distinguir en curso de "
                         "cerrado"),
    "unknown no end": ("the sheet gives no end date", "la ficha no da fecha de fin"),
    "unknown no as-of short": ("built without --as-of", "compilado sin --as-of"),
    "named in": ("Named in", "Nombrada en"),
    "line word": ("line", "línea"),
    "lines word": ("lines", "líneas"),
    "needs review html": ("<strong>Needs review</strong>: minted from a name the registry does "
                          "not know.",
                          "<strong>Pendiente de revisión</strong>: creada a partir de un nombre "
                          "que el registro no conoce."),
    "needs review remedy html": ("Accept, merge, rename or reject it in a curation file "
                                 "(<code>review.csv</code>, <code>oaskg review</code>).",
                                 "Acéptela, fusiónela, renómbrela o recházela en un archivo de "
                                 "curación (<code>review.csv</code>, <code>oaskg review</code>)."),
    "reviewed": ("Minted from the sheets and reviewed.",
                 "Creada a partir de las fichas y revisada."),
    # --- profiles ---------------------------------------------------------------------------
    "kind": ("Kind", "Tipo"),
    "acronym": ("Acronym", "Sigla"),
    "part of": ("Part of", "Forma parte de"),
    "note": ("Note", "Nota"),
    "units taking part": ("Its units taking part", "Sus unidades que participan"),
    "more units": ("and {n} more units in the registry", "y {n} unidades más en el registro"),
    "takes part in nothing": ("No sheet names it in an activity.",
                              "Ninguna ficha la nombra en una actividad."),
    "years": ("Years", "Años"),
    "rolled up note": ("Includes the programs of its units, marked as such.",
                       "Incluye los programas de sus unidades, marcados como tales."),
    "n activities": ("{n} activities", "{n} actividades"),
    "n activities one": ("{n} activity", "{n} actividad"),
    "n programs": ("{n} programs", "{n} programas"),
    "n programs one": ("{n} program", "{n} programa"),
    # the key-number strip: a number above each
    "k activities": ("activities", "actividades"),
    "k activities one": ("activity", "actividad"),
    "k programs": ("programs", "programas"),
    "k programs one": ("program", "programa"),
    "k sheets": ("sheets", "fichas"),
    "k sheets one": ("sheet", "ficha"),
    "k sheet countries": ("countries (sheets)", "países (fichas)"),
    "k sheet countries one": ("country (sheets)", "país (fichas)"),
    "k countries covered": ("countries covered", "países abarcados"),
    "k countries covered one": ("country covered", "país abarcado"),
    "k donors": ("donors", "donantes"),
    "k donors one": ("donor", "donante"),
    "k bodies": ("OAS bodies", "órganos de la OEA"),
    "k bodies one": ("OAS body", "órgano de la OEA"),
    "k counterparts": ("national counterparts", "contrapartes nacionales"),
    "k counterparts one": ("national counterpart", "contraparte nacional"),
    "k years": ("years", "años"),
    "role implements": ("Implements", "Ejecuta"),
    "role funds": ("Funds", "Financia"),
    "role channels": ("Channels funds", "Canaliza fondos"),
    "role partner": ("Partner in", "Socio en"),
    "role counterpart": ("National counterpart in", "Contraparte nacional en"),
    "with units": ("with its units", "con sus unidades"),
    "with units one": ("with its unit", "con su unidad"),
    "through units": ("through its units", "a través de sus unidades"),
    "through units one": ("through its unit", "a través de su unidad"),
    "sheets": ("Sheets", "Fichas"),
    "where": ("Where", "Dónde"),
    "channel": ("Channel", "Canal"),
    "when": ("When", "Cuándo"),
    "dates": ("Dates", "Fechas"),
    "as a donor": ("As a donor", "Como donante"),
    "donor summary": ("{donor} funds {n} programs.", "{donor} financia {n} programas."),
    "donor summary one": ("{donor} funds {n} program.", "{donor} financia {n} programa."),
    "channel summary": ("{donor} channels funds to {n} programs.",
                        "{donor} canaliza fondos hacia {n} programas."),
    "channel summary one": ("{donor} channels funds to {n} program.",
                            "{donor} canaliza fondos hacia {n} programa."),
    "donor through": ("{n} of them through {channels}.", "{n} de ellos a través de {channels}."),
    "donor through one": ("{n} of them through {channels}.",
                          "{n} de ellos a través de {channels}."),
    "through": ("through", "a través de"),
    "channel for": ("channel for", "canal de"),
    "unnamed funder": ("a funder the sheet does not name", "un financiador que la ficha no nombra"),
    "by unit": ("by its unit", "por su unidad"),
    "codes": ("Codes", "Códigos"),
    "in the oas": ("In the OAS", "En la OEA"),
    "member state": ("member state", "Estado miembro"),
    "no sheet": ("No sheet reports programs in this country, and it funds none.",
                 "Ninguna ficha informa programas en este país, y no financia ninguno."),
    "programs by pillar": ("Programs on its sheets, by pillar",
                           "Programas en sus fichas, por pilar"),
    "no pillar": ("No pillar set", "Sin pilar"),
    "donors active": ("Donors of its programs", "Donantes de sus programas"),
    "bodies active": ("OAS bodies active there", "Órganos de la OEA activos allí"),
    "also covered by": ("Programs of other sheets that also cover it",
                        "Programas de otras fichas que también lo abarcan"),
    "sheet of": ("{country}'s sheet", "ficha de {country}"),
    "timeline": ("Timeline", "Cronología"),
    "no activities": ("No sheet reports this program.", "Ninguna ficha informa este programa."),
    "where reported": ("Where it is reported", "Dónde se informa"),
    "partners and counterparts": ("Partners and counterparts", "Socios y contrapartes"),
    "results totals": ("Results, totalled by what they count",
                       "Resultados, sumados por lo que cuentan"),
    "totals note": ("Each result counts once, however many bodies implement its activity; a "
                    "result several sheets state in the same words counts once.",
                    "Cada resultado cuenta una vez, cualquiera que sea el número de órganos "
                    "que ejecutan su actividad; un resultado que varias fichas declaran con las "
                    "mismas palabras cuenta una vez."),
    "neighbourhood": ("Neighbourhood", "Vecindario"),
    "picture caption": ("{name}: the programs it takes part in, their donors, the OAS bodies "
                        "that implement them and the countries whose sheets report them. "
                        "Colours as in the Gephi export.",
                        "{name}: los programas en que participa, sus donantes, los órganos de "
                        "la OEA que los ejecutan y los países cuyas fichas los informan. "
                        "Colores como en la exportación para Gephi."),
    "country picture caption": ("{name}: the programs on its sheets and those it funds, their "
                                "donors, the OAS bodies that implement them and the countries "
                                "whose sheets report them. Colours as in the Gephi export.",
                                "{name}: los programas de sus fichas y los que financia, sus "
                                "donantes, los órganos de la OEA que los ejecutan y los países "
                                "cuyas fichas los informan. Colores como en la exportación "
                                "para Gephi."),
    "program picture caption": ("{name}: its donors, the OAS bodies that implement it and the "
                                "countries that report it or that it covers. Colours as in the "
                                "Gephi export.",
                                "{name}: sus donantes, los órganos de la OEA que lo ejecutan y "
                                "los países que lo informan o que abarca. Colores como en la "
                                "exportación para Gephi."),
    "picture donors": ("Donors", "Donantes"),
    "picture others": ("OAS bodies, partners, countries", "Órganos de la OEA, socios, países"),
    "and more": ("and {n} more", "y {n} más"),
    "kind Program": ("Program", "Programa"),
    "kind Activity": ("Activity", "Actividad"),
    "kind OAS body": ("OAS body", "Órgano de la OEA"),
    "kind Donor": ("Donor", "Donante"),
    "kind Partner": ("Partner", "Socio"),
    "kind National counterpart": ("National counterpart", "Contraparte nacional"),
    "kind Country": ("Country", "País"),
    "participation active": ("active", "activo"),
    "participation inactive": ("inactive", "inactivo"),
    # --- the program browser ----------------------------------------------------------------
    "program browser": ("Programs", "Programas"),
    "browser note": ("Choose filters to combine them; the numbers say how many programs each "
                     "choice leaves. A program is listed when one of its sheets' activities "
                     "meets every filter. Country: the sheet's or one it also covers; donor: a "
                     "funder or a funding channel; OAS body: the body or any of its units.",
                     "Elija filtros para combinarlos; los números indican cuántos programas deja "
                     "cada opción. Un programa aparece cuando una de sus actividades (una por "
                     "ficha) cumple todos los filtros. País: el de la ficha o uno que también "
                     "abarca; donante: quien financia o canaliza fondos; órgano de la OEA: el "
                     "órgano o cualquiera de sus unidades."),
    "filters": ("Filters", "Filtros"),
    "facet pillar": ("Pillar", "Pilar"),
    "facet country": ("Country", "País"),
    "facet donor": ("Donor", "Donante"),
    "facet body": ("OAS body", "Órgano de la OEA"),
    "facet status": ("Status", "Estado"),
    "facet year": ("Year", "Año"),
    "n programs found": ("{n} programs", "{n} programas"),
    "n programs found one": ("{n} program", "{n} programa"),
    "remove filter": ("Remove this filter", "Quitar este filtro"),
    "clear all": ("Clear all filters", "Quitar todos los filtros"),
    "unknown value": ("No {facet} is named “{value}”; that filter is ignored.",
                      "Ningún valor de {facet} se llama «{value}»; se ignora ese filtro."),
    # --- SPARQL -----------------------------------------------------------------------------
    "sparql intro": ("A read-only SPARQL 1.1 Protocol endpoint over every graph (the default "
                     "graph is the union of the named graphs). Here the answer is a table; "
                     "programs get JSON, XML, CSV or TSV (CONSTRUCT: Turtle, N-Triples, "
                     "JSON-LD) by Accept or format=.",
                     "Un punto de acceso SPARQL 1.1 de solo lectura sobre todos los grafos (el "
                     "grafo por defecto es la unión de los grafos con nombre). Aquí la respuesta "
                     "es una tabla; los programas reciben JSON, XML, CSV o TSV (CONSTRUCT: "
                     "Turtle, N-Triples, JSON-LD) según Accept o format=."),
    "format": ("Format", "Formato"),
    "html table": ("Table (this page)", "Tabla (esta página)"),
    "run": ("Run", "Ejecutar"),
    "answer": ("Answer", "Respuesta"),
    "n rows": ("{n} rows.", "{n} filas."),
    "n rows one": ("{n} row.", "{n} fila."),
    "first rows": ("The first {n} are shown.", "Se muestran las primeras {n}."),
    "truncated": ("The endpoint cut the answer at its row limit.",
                  "El punto de acceso cortó la respuesta en su límite de filas."),
    "query failed": ("The query failed (HTTP {status}):", "La consulta falló (HTTP {status}):"),
    "yes": ("Yes (true)", "Sí (verdadero)"),
    "no": ("No (false)", "No (falso)"),
    # --- the ontology -----------------------------------------------------------------------
    "object properties": ("Object properties", "Propiedades de objeto"),
    "datatype properties": ("Datatype properties", "Propiedades de datos"),
    "annotation properties": ("Annotation properties", "Propiedades de anotación"),
    "domain": ("domain", "dominio"),
    "range": ("range", "rango"),
    "subclass of": ("subclass of", "subclase de"),
    "subproperty of": ("subproperty of", "subpropiedad de"),
    "or": ("or", "o"),
    "anonymous class": ("an anonymous class", "una clase anónima"),
}
