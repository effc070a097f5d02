"""The ``.htaccess`` of the static site: Apache (mod_rewrite, mod_headers) answers ``/id/x`` with
the same 303 content negotiation as ``oaskg serve`` (:func:`build_graph.web.negotiation.negotiate`).

mod_rewrite only matches regular expressions, so the rules do the negotiation in steps, each a
block of ``RewriteRule ^ - [E=…]`` that sets an environment variable:

1. for each media type (and alias, and ``text/*``, ``application/*``, ``*/*``) the Accept header
   names, its parameters (``OASKG_A_<n>=p;q=0.5``);
2. its q-value as four digits (``1000``, ``0500``; a q it cannot read counts as 0, as in
   ``negotiate``), so that strings compare like numbers;
3. each format's q: the best of its names, else its ``text/*`` or ``application/*`` range,
   else ``*/*`` (the most specific range wins, as in ``negotiate``);
4. the format picked: the highest q above 0, ties to the earlier format (HTML, Turtle,
   JSON-LD, N-Triples); no Accept header picks HTML;

then a 303 to the picked document's file, or a 406 when nothing offered is acceptable. Every
answer carries ``Vary: Accept`` (``Header always``: the 303s and 406s too, not only the 200s).
Limit: a media type named twice counts once (its first occurrence); ``negotiate`` takes the
best of the two. Tested against a real Apache with the Accept headers of real clients.
"""

from __future__ import annotations

import re

# format -> the media types that name it (the first is the one served), as in negotiation.py
FORMATS: dict[str, tuple[str, ...]] = {
    "html": ("text/html", "application/xhtml+xml"),
    "ttl": ("text/turtle", "application/x-turtle", "application/turtle"),
    "jsonld": ("application/ld+json", "application/json"),
    "nt": ("application/n-triples", "text/plain"),
}
WILDCARDS = {"text": "text/*", "application": "application/*", "any": "*/*"}
# what each negotiated path offers, in order of preference on ties (as ``oaskg serve``)
TARGETS = (
    (r"^(id/.+)$", ("html", "ttl", "jsonld", "nt")),
    (r"^(ontology)$", ("html", "ttl")),
    (r"^(dataset)$", ("html", "ttl", "jsonld", "nt")),
)

HEAD = """# Content negotiation for the oaskg static site (Apache 2.4: mod_rewrite, mod_headers).
# /id/x answers 303 See Other to /id/x.html, .ttl, .jsonld or .nt, chosen by the Accept header
# with its q-values as `oaskg serve` chooses, and 406 when it accepts none of them.
# If the site is not at the root of its host, change RewriteBase.
Options -MultiViews
DirectorySlash Off
AddType text/turtle .ttl
AddType application/ld+json .jsonld
AddType application/n-triples .nt
AddType application/trig .trig
AddType application/gexf+xml .gexf
AddCharset utf-8 .html .ttl .jsonld .nt .trig
<Files "void">
  ForceType text/turtle
</Files>
<IfModule mod_headers.c>
  # "always": the 303 redirects and 406s vary by Accept too, so no cache serves a browser's
  # redirect to an RDF client
  Header always merge Vary Accept
</IfModule>
RewriteEngine On
RewriteBase /
"""


def _names() -> list[tuple[str, str]]:
    """(variable suffix, media range) for every name the rules look for."""
    out = []
    for fmt, names in FORMATS.items():
        out += [(f"{fmt.upper()}{i}", media) for i, media in enumerate(names)]
    out += [(key.upper(), media) for key, media in WILDCARDS.items()]
    return out


def _parameters(suffix: str, media: str) -> list[str]:
    """Step 1: ``OASKG_A_<suffix>`` = ``p`` + the parameters, when Accept names ``media``.

    The first condition finds the name as a whole media range, the second reads its
    parameters (up to the next comma)."""
    name = re.escape(media)
    whole = name
    if media == "*/*":  # "*" alone is read as */*; a bare "*" must start a range
        whole = r"\*/\*|\*"
        name = r"(?:^|,)\s*(?:\*/\*|\*)"
    return [
        f"# {media}",
        f"RewriteCond %{{HTTP_ACCEPT}} (^|,)\\s*({whole})\\s*(;|,|$) [NC]",
        f"RewriteCond %{{HTTP_ACCEPT}} {name}\\s*((;[^,]*)?)\\s*(,|$) [NC]",
        f"RewriteRule ^ - [E=OASKG_A_{suffix}:p%1]",
    ]


def _q_value(suffix: str) -> list[str]:
    """Step 2: ``OASKG_Q_<suffix>`` = the q-value as four digits (1000 without a q)."""
    a, q = f"%{{ENV:OASKG_A_{suffix}}}", f"OASKG_Q_{suffix}"
    number = r";\s*q\s*=\s*"
    end = r"\s*(;|$)"
    return [
        f"RewriteCond {a} ^p",
        f"RewriteRule ^ - [E={q}:1000]",
        f"RewriteCond {a} {number} [NC]",
        f"RewriteRule ^ - [E={q}:0000]",
        f"RewriteCond {a} {number}0*[1-9][0-9]*(\\.[0-9]*)?{end} [NC]",
        f"RewriteRule ^ - [E={q}:1000]",
        f"RewriteCond {a} {number}0*\\.([0-9]){end} [NC]",
        f"RewriteRule ^ - [E={q}:0%100]",
        f"RewriteCond {a} {number}0*\\.([0-9][0-9]){end} [NC]",
        f"RewriteRule ^ - [E={q}:0%10]",
        f"RewriteCond {a} {number}0*\\.([0-9][0-9][0-9])[0-9]*{end} [NC]",
        f"RewriteRule ^ - [E={q}:0%1]",
    ]


def _best_of(target: str, source: str) -> list[str]:
    """``target`` = ``source`` when that is higher (or ``target`` is unset)."""
    return [
        f"RewriteCond %{{ENV:{source}}} ^[0-9]{{4}}$",
        f'RewriteCond expr "%{{ENV:{source}}} > %{{ENV:{target}}}"',
        f"RewriteRule ^ - [E={target}:%{{ENV:{source}}}]",
    ]


def _format_q(fmt: str) -> list[str]:
    """Step 3: ``OASKG_<FMT>``: its best name, else its type's wildcard, else ``*/*``."""
    target = f"OASKG_{fmt.upper()}"
    lines = [f"# q of {fmt}: {', '.join(FORMATS[fmt])}, else a wildcard"]
    for i in range(len(FORMATS[fmt])):
        lines += _best_of(target, f"OASKG_Q_{fmt.upper()}{i}")
    family = "TEXT" if FORMATS[fmt][0].startswith("text/") else "APPLICATION"
    for wildcard in (family, "ANY"):
        lines += [
            f"RewriteCond %{{ENV:{target}}} ^$",
            f"RewriteCond %{{ENV:OASKG_Q_{wildcard}}} ^([0-9]{{4}})$",
            f"RewriteRule ^ - [E={target}:%1]",
        ]
    return lines


def _pick(offers: tuple[str, ...], variable: str) -> list[str]:
    """Step 4: ``variable`` = the offered format with the highest q above 0 (ties: earlier)."""
    lines = [f"# {variable}: the best of {', '.join(offers)}; no Accept header: {offers[0]}"]
    lines += [r"RewriteCond %{HTTP_ACCEPT} ^\s*$", f"RewriteRule ^ - [E={variable}:{offers[0]}]"]
    for i, fmt in enumerate(offers):
        me = f"%{{ENV:OASKG_{fmt.upper()}}}"
        tests = [f"{me} > '0000'"]
        for j, other in enumerate(offers):
            if other != fmt:
                op = ">" if j < i else ">="
                tests.append(f"{me} {op} %{{ENV:OASKG_{other.upper()}}}")
        lines += [
            f"RewriteCond %{{ENV:{variable}}} ^$",
            f'RewriteCond expr "{" && ".join(tests)}"',
            f"RewriteRule ^ - [E={variable}:{fmt}]",
        ]
    return lines


def _redirects(target: str, offers: tuple[str, ...], variable: str) -> list[str]:
    lines = []
    for fmt in offers:
        lines += [
            f"RewriteCond %{{ENV:{variable}}} ={fmt}",
            f"RewriteCond %{{REQUEST_FILENAME}}.{fmt} -f",
            f"RewriteRule {target} $1.{fmt} [R=303,L]",
        ]
    lines += [
        f"RewriteCond %{{ENV:{variable}}} ^$",
        "RewriteCond %{REQUEST_FILENAME}.html -f",
        f"RewriteRule {target} - [R=406,L]",
    ]
    return lines


def htaccess() -> str:
    """The whole ``.htaccess`` text."""
    rules = ["# 1. the media ranges the Accept header names, with their parameters"]
    for suffix, media in _names():
        rules += _parameters(suffix, media)
    rules.append("# 2. their q-values as four digits")
    for suffix, _ in _names():
        rules += _q_value(suffix)
    rules.append("# 3. each format's q")
    for fmt in FORMATS:
        rules += _format_q(fmt)
    rules.append("# 4. the format each path serves, then the redirect")
    picks = {}
    for target, offers in TARGETS:
        variable = "OASKG_PICK_" + "_".join(o.upper() for o in offers)
        if variable not in picks.values():
            rules += _pick(offers, variable)
        picks[target] = variable
    for target, offers in TARGETS:
        rules += _redirects(target, offers, picks[target])
    return HEAD + "\n".join(rules) + "\n"
