"""Sports teams named by a sponsor, a nickname or a place and 队 (申花队, 健力宝队,
哥伦比亚队): the check of the pattern rule team of data/rules/entities.toml.

:class:`TeamNames` is a part of :class:`kg.extract.bodies.BodyFinder`, which gives it
``res`` (the resources)."""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.extract.body_words import TEAM_SUFFIXES
from kg.extract.candidates import CJK, Candidate

__all__ = ["TeamNames"]

#: What makes a sentence one about a match besides the sport words of lexicon/domains.tsv:
#: the people and deeds of a team.
TEAM_CUES = re.compile(
    r"教练|外援|守门员|球员|主帅|射门|进球|比赛|联赛|[甲乙][AB级ＡＢ]|赛季|冠军|决赛|对手|红牌|黄牌|点球|罚球|[胜负平]\d|\d[∶:：比]\d"
    # the play of a match (前场, 扳回一球, 首破…城门, 头球, 篮板, 拦网)
    r"|[前后]场|扳回|一球|城门|头球|角球|任意球|篮板|扣篮|三分球|拦网|扣球|发球|比分|[得失]分"
)
#: Characters after 队 that make it another word (队员, 队伍, 队长, 队友, 队形 …).
TEAM_WORD_TAILS = frozenset("员伍长友形史列部医旗服歌徽委里内中")
#: Characters that open a word for a team that names none (该队, 全队, 两队, 这支队).
TEAM_BODY_NOT_FIRST = frozenset("这那该本全各每两三几某一此其我他主客球")


class TeamNames:
    """The reader of teams' names (see the module docstring)."""

    def team(self, hit) -> Candidate | None:
        """The check of the rule team: a club or team named by its sponsor or nickname and
        队 (申花队, 健力宝队, 松日队), or by its place where the segmenter glued 队 to the
        word after it (哥伦比亚 | 队以), in a sentence about a match: a sport word
        (lexicon/domains.tsv) or a word of a team's people or deeds (教练, 外援, 对手, a score)."""
        text, tokens = hit.doc.text, hit.doc.tokens
        q = hit.end - 1  # the 队
        k = bisect_right(tokens.starts, q) - 1
        if tokens.starts[k] < q:
            # 申花队, 沙特队: one word of the segmentation, 队 at its end
            if tokens.ends[k] != hit.end or not 3 <= hit.end - tokens.starts[k] <= 5:
                return None
            start = tokens.starts[k]
        else:
            # 健力宝 | 队, 哥伦比亚 | 队以: the word before 队 is the body
            if k == 0 or tokens.ends[k - 1] != q or not 2 <= q - tokens.starts[k - 1] <= 4:
                return None
            start = tokens.starts[k - 1]
        body = text[start:q]
        if self.res.dictionary.get(body, (0, "n"))[1].startswith("v") or body + "队" in TEAM_SUFFIXES:
            return None  # 接力队, 速滑队, 藤球队: a team named by its sport is a kind of team
        if not CJK.match(body) or body[0] in TEAM_BODY_NOT_FIRST or self.res.common_word(body, 300) or body in self.res.not_entities:
            return None
        if text[hit.end : hit.end + 1] in TEAM_WORD_TAILS:
            return None  # 消防队员, 这支队伍: 队 opens another word
        left = max(text.rfind(p, 0, hit.start) for p in "。！？\n")
        right = min((k for k in (text.find(p, hit.end) for p in "。！？\n") if k != -1), default=len(text))
        sentence = text[left + 1 : right]
        sport = self.res.domains.get("sport")
        if body[-1] == "部" or not (TEAM_CUES.search(sentence) or (sport is not None and sport.search(sentence))):
            return None  # 特种部队: 部队 is a word; a team only in a sentence about a match
        return Candidate(start, hit.end, "Organization", "team", 1)
