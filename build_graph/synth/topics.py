"""What programs are about, per pillar, in English and Spanish: the raw material of names, prose,
beneficiaries and the things results count. All invented; nothing copied from real sheets."""

from __future__ import annotations

# pillar -> topics as (English noun phrase, Spanish noun phrase)
TOPICS: dict[str, tuple[tuple[str, str], ...]] = {
    "Security": (
        ("the Prevention of Youth Violence", "la Prevención de la Violencia Juvenil"),
        ("Cybersecurity Incident Response", "la Respuesta a Incidentes Cibernéticos"),
        ("Port and Maritime Security", "la Seguridad Portuaria y Marítima"),
        ("Drug Demand Reduction", "la Reducción de la Demanda de Drogas"),
        ("Firearms Control", "el Control de Armas de Fuego"),
        ("Integrated Border Management", "la Gestión Integrada de Fronteras"),
        ("Prison System Reform", "la Reforma del Sistema Penitenciario"),
    ),
    "Democracy": (
        ("Electoral Observation", "la Observación Electoral"),
        ("Transparency in Public Procurement", "la Transparencia en las Compras Públicas"),
        ("the Political Participation of Youth", "la Participación Política de la Juventud"),
        ("Civil Registry Modernization", "la Modernización del Registro Civil"),
        ("Open Government", "el Gobierno Abierto"),
    ),
    "Human Rights": (
        ("the Rights of Persons with Disabilities",
         "los Derechos de las Personas con Discapacidad"),
        ("the Protection of Human Rights Defenders",
         "la Protección de Personas Defensoras de Derechos Humanos"),
        ("Access to Justice for Indigenous Peoples",
         "el Acceso a la Justicia de los Pueblos Indígenas"),
        ("the Prevention of Gender-Based Violence", "la Prevención de la Violencia de Género"),
    ),
    "Integral Development": (
        ("Technical and Vocational Education", "la Educación Técnica y Profesional"),
        ("Sustainable Energy", "la Energía Sostenible"),
        ("Small Business Competitiveness", "la Competitividad de la Pequeña Empresa"),
        ("Disaster Risk Management", "la Gestión del Riesgo de Desastres"),
        ("Broadband Connectivity", "la Conectividad de Banda Ancha"),
    ),
}

# pillar -> people results count, (English, Spanish)
COUNTED: dict[str, tuple[tuple[str, str], ...]] = {
    "Security": (("police officers", "agentes de policía"),
                 ("government officials", "funcionarios públicos"),
                 ("customs officers", "oficiales de aduanas"),
                 ("prison staff", "funcionarios penitenciarios")),
    "Democracy": (("electoral officials", "funcionarios electorales"),
                  ("young leaders", "jóvenes líderes"),
                  ("civil registry staff", "funcionarios del registro civil")),
    "Human Rights": (("justice operators", "operadores de justicia"),
                     ("public defenders", "defensores públicos"),
                     ("community leaders", "líderes comunitarios")),
    "Integral Development": (("teachers", "docentes"), ("entrepreneurs", "emprendedores"),
                             ("technicians", "técnicos")),
}

# pillar -> target beneficiaries, (English, Spanish); {country} is the sheet's country
BENEFICIARIES: dict[str, tuple[tuple[str, str], ...]] = {
    "Security": (("Police institutions of the 34 OAS Member States",
                  "Instituciones policiales de los 34 Estados Miembros de la OEA"),
                 ("National drug authorities and treatment centers of {country}",
                  "Autoridades nacionales de drogas y centros de tratamiento de {country}"),
                 ("Customs and border agencies of {country}",
                  "Agencias de aduanas y fronteras de {country}")),
    "Democracy": (("Electoral bodies of the region", "Organismos electorales de la región"),
                  ("Public procurement agencies, civil society, etc",
                   "Agencias de compras públicas, sociedad civil, etc"),
                  ("Young people between 18 and 29 years of age in {country}",
                   "Jóvenes de 18 a 29 años de edad en {country}")),
    "Human Rights": (("Persons with disabilities and their families in {country}",
                      "Personas con discapacidad y sus familias en {country}"),
                     ("Women and girls in vulnerable contexts",
                      "Mujeres y niñas en contextos de vulnerabilidad"),
                     ("Indigenous communities of {country}",
                      "Comunidades indígenas de {country}")),
    "Integral Development": (("Teachers and students of technical schools",
                              "Docentes y estudiantes de escuelas técnicas"),
                             ("Micro, small and medium-sized enterprises of {country}",
                              "Micro, pequeñas y medianas empresas de {country}"),
                             ("Municipal governments and rural communities",
                              "Gobiernos municipales y comunidades rurales")),
}

URL_AREAS = {
    "Security": ("ext/en/security", "ext/es/seguridad", "cicad.oas.org/Main/Template.asp?File="),
    "Democracy": ("en/spa/deco", "es/sap/deco", "oas.org/juridico/english/"),
    "Human Rights": ("en/iachr/mandate", "es/cidh/mandato", "oas.org/en/cim/"),
    "Integral Development": ("en/sedi/desd", "es/sedi/dder", "portal.oas.org/en/sedi/"),
}

