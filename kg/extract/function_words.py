"""Persons the tagger made of a function word and the word after it.

- 于 after a verb or an adjective it completes (快于 | 城镇, 高于): the dictionary knows
  the pair as a word, so 于 is the preposition, not the surname; and such a pair read
  whole as a name (应于 | 2023年);
- a word of quantity before a number (服务于超 | 220个, 波克罗夫斯克约 | 30公里): 超, 近, 逾,
  约 before a number that is no date or age end no name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.candidates import Candidate
from kg.resources import Resources

#: Words of quantity that stand right before a number (超220个: over 220).
QUANTITY_WORDS = frozenset("超近逾约")
#: A number that is no date, time or age (those follow a name: 李超30日, 黄宗德17岁).
COUNTED = re.compile(r"[\d０-９.]+(?![\d０-９.]*[日月年号时岁])")


def function_word_names(res: Resources, text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` without the persons made of a preposition 于 that ends a word before it,
    and with a word of quantity cut off the end of a longer name (dropped from a name of
    two characters). Names of the lexicon are left alone.

    >>> from kg.resources import load_resources
    >>> text = "增速快于城镇1.2个百分点，服务于超220个园区。"
    >>> cs = [Candidate(3, 6, "Person", "pos:name", 1), Candidate(16, 18, "Person", "pos:name-tagged", 1)]
    >>> function_word_names(load_resources(), text, cs)
    []
    >>> text = "卫生院院长于斌。"
    >>> function_word_names(load_resources(), text, [Candidate(5, 7, "Person", "pos:name", 1)])[0].end
    7
    """
    out = []
    dictionary = res.dictionary
    for c in chosen:
        if c.type == "Person" and c.rule.startswith("pos:") and text[c.start : c.end] not in res.lexicon_forms:
            s, e = c.start, c.end
            if (
                text[s] == "于"
                and s > 0
                and (text[s - 1 : s + 1] in dictionary or (s > 1 and text[s - 2 : s + 1] in dictionary))
                and not any(text.endswith(t, 0, s) for t in res.titles)  # 院长 | 于斌 (长于 is a word too)
            ):
                continue
            if text[e - 1] == "于" and text[s:e] in dictionary:
                continue  # 应于 | 2023年: the verb and its preposition
            if text[e - 1] in QUANTITY_WORDS and COUNTED.match(text, e):
                if e - s <= 2:
                    continue
                c = replace(c, end=e - 1, name=c.name[:-1] if c.name.endswith(text[e - 1]) else c.name)
        out.append(c)
    return out
