"""Names the synthetic sheets may use: countries, organisations, labels, topics, placeholders.

Every country and organisation here is one a curated registry knows, under its official English
name and its common Spanish name. Program names are invented elsewhere (never copied).
"""

from __future__ import annotations

from dataclasses import dataclass

from build_graph import lexicon


@dataclass(frozen=True)
class Country:
    iso2: str
    en: str
    es: str
    spanish: bool = False  # Spanish is an official language

    def name(self, language: str) -> str:
        return self.es if language == "es" else self.en


@dataclass(frozen=True)
class Org:
    slug: str
    acronym: str
    en: str
    es: str
    pillar: str | None = None  # for OAS bodies: the pillar they serve

    def name(self, language: str) -> str:
        return self.es if language == "es" else self.en


_MEMBERS = """\
AG|Antigua and Barbuda|Antigua y Barbuda|
AR|Argentina|Argentina|s
BS|Bahamas|Bahamas|
BB|Barbados|Barbados|
BZ|Belize|Belice|
BO|Bolivia|Bolivia|s
BR|Brazil|Brasil|
CA|Canada|Canadá|
CL|Chile|Chile|s
CO|Colombia|Colombia|s
CR|Costa Rica|Costa Rica|s
CU|Cuba|Cuba|s
DM|Dominica|Dominica|
DO|Dominican Republic|República Dominicana|s
EC|Ecuador|Ecuador|s
SV|El Salvador|El Salvador|s
GD|Grenada|Granada|
GT|Guatemala|Guatemala|s
GY|Guyana|Guyana|
HT|Haiti|Haití|
HN|Honduras|Honduras|s
JM|Jamaica|Jamaica|
MX|Mexico|México|s
NI|Nicaragua|Nicaragua|s
PA|Panama|Panamá|s
PY|Paraguay|Paraguay|s
PE|Peru|Perú|s
KN|Saint Kitts and Nevis|San Cristóbal y Nieves|
LC|Saint Lucia|Santa Lucía|
VC|Saint Vincent and the Grenadines|San Vicente y las Granadinas|
SR|Suriname|Surinam|
TT|Trinidad and Tobago|Trinidad y Tobago|
US|United States|Estados Unidos|
UY|Uruguay|Uruguay|s
VE|Venezuela|Venezuela|s"""

_NON_MEMBERS = """\
ES|Spain|España
IT|Italy|Italia
DE|Germany|Alemania
KR|Republic of Korea|República de Corea
JP|Japan|Japón
NL|Netherlands|Países Bajos
SE|Sweden|Suecia
GB|United Kingdom|Reino Unido
FR|France|Francia
CN|China|China
TR|Turkey|Turquía
IL|Israel|Israel
VA|Holy See|Santa Sede
CH|Switzerland|Suiza
NO|Norway|Noruega"""

MEMBER_STATES: tuple[Country, ...] = tuple(
    Country(c, en, es, flag == "s")
    for c, en, es, flag in (row.split("|") for row in _MEMBERS.splitlines())
)
OBSERVERS: tuple[Country, ...] = tuple(
    Country(c, en, es) for c, en, es in (row.split("|") for row in _NON_MEMBERS.splitlines())
)
COUNTRIES: dict[str, Country] = {c.iso2: c for c in MEMBER_STATES + OBSERVERS}
CENTRAL_AMERICA = ("BZ", "CR", "SV", "GT", "HN", "NI", "PA", "DO")
CARIBBEAN = ("AG", "BS", "BB", "DM", "GD", "GY", "HT", "JM", "KN", "LC", "VC", "SR", "TT")
SOUTH_AMERICA = ("AR", "BO", "BR", "CL", "CO", "EC", "PY", "PE", "UY", "VE")

PILLARS = {  # English preferred label -> Spanish label
    "Democracy": "Democracia",
    "Human Rights": "Derechos Humanos",
    "Integral Development": "Desarrollo Integral",
    "Security": "Seguridad",
}

OAS_BODIES: tuple[Org, ...] = (
    Org("deco", "DECO", "Department of Electoral Cooperation and Observation",
        "Departamento para la Cooperación y Observación Electoral", "Democracy"),
    Org("mesicic", "MESICIC", "Mechanism for Follow-Up on the Implementation of the "
        "Inter-American Convention against Corruption", "Mecanismo de Seguimiento de la "
        "Implementación de la Convención Interamericana contra la Corrupción", "Democracy"),
    Org("mapp-oea", "MAPP/OEA", "Mission to Support the Peace Process in Colombia",
        "Misión de Apoyo al Proceso de Paz en Colombia", "Democracy"),
    Org("iachr", "IACHR", "Inter-American Commission on Human Rights",
        "Comisión Interamericana de Derechos Humanos", "Human Rights"),
    Org("cim", "CIM", "Inter-American Commission of Women", "Comisión Interamericana de Mujeres",
        "Human Rights"),
    Org("sedi", "SEDI", "Executive Secretariat for Integral Development",
        "Secretaría Ejecutiva para el Desarrollo Integral", "Integral Development"),
    Org("citel", "CITEL", "Inter-American Telecommunication Commission",
        "Comisión Interamericana de Telecomunicaciones", "Integral Development"),
    Org("dps", "DPS", "Department of Public Security", "Departamento de Seguridad Pública",
        "Security"),
    Org("cicte", "CICTE", "Inter-American Committee against Terrorism",
        "Comité Interamericano contra el Terrorismo", "Security"),
    Org("cicad", "CICAD", "Inter-American Drug Abuse Control Commission",
        "Comisión Interamericana para el Control del Abuso de Drogas", "Security"),
    Org("oid", "OID", "Inter-American Observatory on Drugs",
        "Observatorio Interamericano sobre Drogas", "Security"),
)
# The Spanish acronym some bodies go by in Spanish text.
SPANISH_ACRONYM = {"iachr": "CIDH", "cicad": "CICAD", "cim": "CIM", "sedi": "SEDI"}

PARTNERS: tuple[Org, ...] = (
    Org("iom", "IOM", "International Organization for Migration",
        "Organización Internacional para las Migraciones"),
    Org("unhcr", "UNHCR", "United Nations High Commissioner for Refugees",
        "Alto Comisionado de las Naciones Unidas para los Refugiados"),
    Org("idb", "IDB", "Inter-American Development Bank", "Banco Interamericano de Desarrollo"),
    Org("unodc", "UNODC", "United Nations Office on Drugs and Crime",
        "Oficina de las Naciones Unidas contra la Droga y el Delito"),
    Org("paho", "PAHO", "Pan American Health Organization",
        "Organización Panamericana de la Salud"),
    Org("interpol", "INTERPOL", "International Criminal Police Organization",
        "Organización Internacional de Policía Criminal"),
)

# Donors: (text en, text es, funders, channels). Funders are ISO2 codes or org slugs.
DONORS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Spain (AECID)", "España (AECID)", ("ES",), ("aecid",)),
    ("Germany (GIZ)", "Alemania (GIZ)", ("DE",), ("giz",)),
    ("United States (USAID)", "Estados Unidos (USAID)", ("US",), ("usaid",)),
    ("Banco de Desarrollo de América Latina (CAF)", "Banco de Desarrollo de América Latina (CAF)",
     ("caf",), ()),
    ("European Union", "Unión Europea", ("eu",), ()),
    ("Inter-American Development Bank", "Banco Interamericano de Desarrollo", ("idb",), ()),
)
DONOR_COUNTRIES = ("US", "CA", "MX", "CL", "ES", "IT", "DE", "KR", "JP", "NL", "SE", "GB", "FR",
                   "CN", "TR", "IL", "VA", "CH", "NO", "AR", "BR", "CO", "PE", "PA", "TT")
NO_DONOR = ("", "N/A", "—")

# the form's words as printed, from the one lexicon the extractor reads them with
LABELS = lexicon.PRINTED_LABELS
MIXED_LABELS = lexicon.PRINTED_MIXED_LABELS
HEADINGS = lexicon.PRINTED_HEADINGS
PLACEHOLDERS = lexicon.PRINTED_PLACEHOLDERS
OPEN_END = lexicon.PRINTED_OPEN_END
TO = lexicon.PRINTED_TO
MONTHS = lexicon.PRINTED_MONTHS
RUNNING_HEAD = {"en": "OAS — Country Sheet: {country}", "es": "OEA — Ficha de país: {country}"}
FOOTER = {"en": "Page {n} of {total}", "es": "Página {n} de {total}"}
