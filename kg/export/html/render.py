"""Rendering shared by the offline pages (``graph.html`` and ``map.html``).

Both pages are Jinja2 templates in ``templates/`` with their own script and style inlined
and allowed by a Content-Security-Policy hash, so they share one environment (autoescape
with ``html.escape``, strict undefined names), one way to read a script or style file
(refusing text that would end its element early: the hash would then cover less than
the browser runs) and one hash function. ``page`` in the functions below names the page
in error messages, so a broken template says which page it belongs to.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
from pathlib import Path

import jinja2
from markupsafe import Markup

from kg.errors import ResourceError
from kg.export.html.style import FONT_STACK

#: The folder of the templates; read at call time so that a test can point it elsewhere
#: (then clear the caches below).
TEMPLATES = Path(__file__).resolve().parent / "templates"


#: What ``json_for_html`` escapes, and how: ``<``, ``>`` and ``&`` so no tag or comment can
#: begin inside the element, U+2028 and U+2029 for old JavaScript parsers.
_UNSAFE_IN_SCRIPT = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def json_for_html(obj: object) -> str:
    """JSON safe to place inside a ``<script>`` element.

    >>> json_for_html({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    # check_circular=False: the pages' data are trees of lists and dicts made here, and
    # the check costs a fifth of the encoding (a dict entry per list and dict)
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False, check_circular=False)
    for raw, escaped in _UNSAFE_IN_SCRIPT:
        # looked for first: finding a character is a fraction of what replacing it costs
        # over a page's megabytes of mostly Chinese text, and most pages hold none of them
        if raw in text:
            text = text.replace(raw, escaped)
    return text


@jinja2.pass_eval_context
def _escape(eval_ctx: jinja2.nodes.EvalContext, value: object) -> object:
    """Escape with ``html.escape`` what autoescape would escape with markupsafe.

    Both escape the same five characters; markupsafe spells quotes ``&#34;``/``&#39;``
    where ``html.escape`` writes ``&quot;``/``&#x27;``, as kg's pages always had. Applied
    only where autoescape is on (the pages, not the ``.css`` templates), never to ``Markup``.
    """
    if eval_ctx.autoescape and not isinstance(value, Markup):
        return Markup(html.escape(str(value)))
    return value


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html.j2"], disabled_extensions=["css"], default=True),
        finalize=_escape,
        undefined=jinja2.StrictUndefined,  # a misspelt name fails instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = lambda obj: Markup(json_for_html(obj))
    return env


def template(name: str, page: str) -> jinja2.Template:
    """The template ``name`` of ``templates/``; missing, a ``ResourceError`` naming ``page``."""
    try:
        return environment().get_template(name)
    except jinja2.TemplateNotFound as e:
        raise ResourceError(f"{TEMPLATES / name}: template of {page} not found") from e


@functools.lru_cache(maxsize=8)
def own_script(name: str, page: str) -> str:
    """The text of one of ``page``'s own ``<script>`` elements: a line break, then the
    file ``name`` of ``templates/``. The CSP hash is taken over exactly this text."""
    path = TEMPLATES / name
    try:
        js = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ResourceError(f"{path}: the script of {page} cannot be read: {e}") from e
    if "</script" in js.lower() or "<!--" in js:
        raise ResourceError(f"{path}: contains </script or <!--, which would end the page's script early")
    return "\n" + js


@functools.lru_cache(maxsize=8)
def own_style(name: str, page: str) -> str:
    """The text of ``page``'s own ``<style>`` element: a line break, then the template
    ``name`` rendered with the font stack."""
    css = template(name, page).render(font=FONT_STACK)
    if "</style" in css.lower():
        raise ResourceError(f"{TEMPLATES / name}: contains </style, which would end the page's style early")
    return "\n" + css


def csp_hash(text: str) -> str:
    """The CSP source ``'sha256-…'`` allowing an inline script or style of exactly ``text``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def clear_caches() -> None:
    """Forget the environment and the files read (after ``TEMPLATES`` has changed)."""
    for cached in (environment, own_script, own_style):
        cached.cache_clear()
