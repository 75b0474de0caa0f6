"""Traditional Chinese: tell a document's script and give it a simplified view.

Extraction knows simplified Chinese (the segmenter's dictionary, the gazetteers, the
lexicons, the titles), so a traditional-character document is read through a
*simplified view*: the same text with each traditional character replaced by its
simplified one, made by OpenCC (``hk2s``: Hong Kong and Taiwan variants such as 衞 are
folded first). The view has exactly the length of the original, character for
character, so every offset found in the view points at the same place in the original:
evidence shows the original sentence, and a name's traditional form is read off the
original at the name's offsets.

Conversion is by character and by phrase (乾隆 stays 乾隆, 乾淨 becomes 干净); the rare
phrase whose conversion would change the length (none in OpenCC's ``hk2s`` tables today)
falls back to one character at a time, so the length never changes.

A document is traditional when more of its characters are traditional-only (changed by
conversion to simplified) than simplified-only (changed by conversion to traditional):
about a third of a Hong Kong or Taiwan story's characters are traditional-only and
almost none simplified-only, while a simplified story has many simplified-only
characters (说, 这, 们) beside the odd name character conversion would change (刘颺,
徵), and is left as it is. A comparison rather than a threshold, so a short title is
judged as well as a long story.

>>> detect_script("習近平在廣東省會見國務院總理")
'traditional'
>>> detect_script("习近平在广东省会见国务院总理")
'simplified'
>>> simplified_view("習近平在廣東省會見國務院總理")
'习近平在广东省会见国务院总理'
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from kg.model import DocEntity, DocExtraction, Document, Evidence

__all__ = [
    "SCRIPTS",
    "TRADITIONAL_FORMS",
    "detect_script",
    "restore_original",
    "script_and_view",
    "simplified_view",
]

#: The values of ``Document.script``: no Chinese characters at all is "none".
SCRIPTS = ("simplified", "traditional", "none")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: ``DocEntity.attrs`` key of the traditional forms among an entity's aliases, joined by
#: ``|``: they are aliases, never the canonical name (习近平, not 習近平).
TRADITIONAL_FORMS = "traditional"
#: Converted in pieces at line ends, so a length change (which never happens with the
#: current tables) costs a character-by-character pass over one line only.
_PIECE = re.compile(r"[^\n]*\n?")


@lru_cache(maxsize=2)
def _converter(config: str = "hk2s"):
    import opencc

    return opencc.OpenCC(config)


def _changed(a: str, b: str) -> int:
    return sum(1 for x, y in zip(a, b) if x != y)


def _convert_same_length(text: str) -> str:
    conv = _converter().convert
    out = conv(text)
    if len(out) == len(text):
        return out
    pieces = []
    for piece in _PIECE.findall(text):
        converted = conv(piece)
        if len(converted) != len(piece):
            converted = "".join(c if len(c := conv(ch)) == 1 else ch for ch in piece)
        pieces.append(converted)
    return "".join(pieces)


def script_and_view(text: str) -> tuple[str, str]:
    """The script of ``text`` and the text extraction should read: ``text`` itself for a
    simplified document, its simplified view (same length) for a traditional one."""
    if not _CJK.search(text):
        return "none", text
    view = _convert_same_length(text)
    if view == text:
        return "simplified", text
    traditional_only = _changed(text, view)
    simplified_only = _changed(text, _converter("s2t").convert(text))
    if traditional_only > simplified_only:
        return "traditional", view
    return "simplified", text


def detect_script(text: str) -> str:
    """``simplified``, ``traditional`` or ``none`` (no Chinese characters)."""
    return script_and_view(text)[0]


def simplified_view(text: str) -> str:
    """``text`` with traditional characters made simplified, offsets unchanged."""
    return _convert_same_length(text)


def restore_original(dx: DocExtraction, original: Document) -> DocExtraction:
    """An extraction made over the simplified view of ``original``, told in the original's
    characters: sentences, mention surfaces and evidence show the original text; names
    stay simplified, and each entity gains the traditional forms of its names that the
    document uses as aliases (listed again under ``TRADITIONAL_FORMS`` in its attrs)."""
    text = original.text
    sentences = tuple(s._replace(text=text[s.start : s.end]) for s in dx.sentences)
    by_index = {s.index: s.text for s in sentences}

    def shown(ev: Evidence) -> Evidence:
        return ev._replace(text=by_index.get(ev.sentence, text[ev.start : ev.end]))

    forms_of = {e.name: (e.name, *e.aliases) for e in dx.entities}
    traditional: dict[str, set[str]] = {}
    mentions = []
    for m in dx.mentions:
        surface = text[m.start : m.end]
        if surface != m.text:
            for form in forms_of.get(m.key, ()):
                at = m.text.find(form)
                if at >= 0 and (old := surface[at : at + len(form)]) != form:
                    traditional.setdefault(m.key, set()).add(old)
            m = m._replace(text=surface)
        mentions.append(m)
    entities = []
    for e in dx.entities:
        extra = traditional.get(e.name, set()) - {e.name, *e.aliases}
        if extra:
            attrs = (*e.attrs, (TRADITIONAL_FORMS, "|".join(sorted(extra))))
            e = DocEntity(e.name, e.type, tuple(sorted({*e.aliases, *extra})), e.mentions, tuple(sorted(attrs)))
        entities.append(e)
    return replace(
        dx,
        doc=original,
        sentences=sentences,
        mentions=tuple(mentions),
        entities=tuple(entities),
        relations=tuple(replace(r, evidence=tuple(shown(ev) for ev in r.evidence)) for r in dx.relations),
        cooccurrences=tuple((pair, shown(ev)) for pair, ev in dx.cooccurrences),
    )
