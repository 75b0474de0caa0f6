"""The ``trigger`` engine: HEAD … TRIGGER … TAIL, and 在 TAIL TRIGGER with
``before_trigger`` (the ``pair`` engine is :mod:`kg.extract.relation_pairs`)."""

from __future__ import annotations

from kg.extract.relation_base import CLAUSE_END, CLAUSE_MARK, LIST_MARKS
from kg.extract.relation_guests import GuestReaders
from kg.extract.relation_subjects import (
    MODIFIES_AFTER,
    aim_before,
    call_before,
    in_slogan,
    in_time_clause,
    innermost,
    item_start,
    object_before,
    partner_only,
    tail_group,
    verb_again,
    where_before,
)
from kg.extract.trigger_words import (
    ACCOMPANIED_BY,
    CLAUSE_LEAD,
    GOING_TO,
    GOVERNS,
    GUEST_DESCRIBED,
    GUEST_HOST_BEFORE,
    GUEST_HOSTS,
    GUESTS_AGAIN,
    HEADLINE_SPACE,
    INVITED_BY,
    INVITER_BEFORE,
    ISSUED,
    LEADING_DATE,
    LIES_IN,
    LISTED_ETC,
    NOT_SUBJECT_AFTER,
    OTHER_ONE,
    OTHER_VERB,
    OTHERS_ACT,
    PARTNER_LANDS,
    PAST_VISIT,
    PROPOSED_CALL,
    PROPOSED_FOR,
    RETURNS_TO,
    SPEECH_OPENS,
    SPIRIT_OF,
    SUBJECT_GAP,
    TALKS_WITH,
    TITLE_OPENERS,
    TRIGGER_LEADS,
    VISIT_GAP,
    VISIT_PREP,
)
from kg.model import Mention


class TriggerEngine(GuestReaders):
    """Relations around trigger words: visited, attended, proposed, participates_in,
    cooperates_with, met and located_in by a host."""

    def _trigger(self, rule, text, sent, ms, bounds):
        if rule.relation == "visited":
            yield from self._guests_visit_china(text, sent, ms)
        for ts, te in self._trigger_hits(rule):
            opens = ts in bounds.starts or any(
                text.startswith(lead, ts - len(lead)) and ts - len(lead) in bounds.starts and te in bounds.ends
                for lead in TRIGGER_LEADS
            )
            if not opens or (te not in bounds.ends and not any(m.start == te for m in ms)):
                continue  # 访华: the tail may start inside the trigger's token
            if any(m.start <= ts and te <= m.end and (m.start, m.end) != (ts, te) for m in ms):
                continue  # a word of a name (“一带一路”倡议, 乡村建设行动) is no verb
            if rule.relation == "participates_in" and text.startswith("、", te):
                continue  # 粤港澳大湾区建设、长三角一体化发展, 生产建设、改革开放: a noun of a list
            clause_end = sent.end
            stop = CLAUSE_END.search(text, te, sent.end)
            if stop:
                clause_end = stop.start()
            half = HEADLINE_SPACE.search(text, te, clause_end)
            if half:
                clause_end = half.start()  # 许勤…进行工作访问 深化… 加快构筑我国…: a headline's next half
            after = [m for m in ms if te <= m.start and m.end <= clause_end and m.type in rule.tail]
            if rule.relation == "attended":
                # 主持召开常委会会议，传达学习省委全会精神: a meeting's spirit is conveyed and
                # studied, the meeting itself not attended; 人民日报发表社论《…热烈祝贺全国政协
                # 十三届五次会议开幕》: an event in a work's title is what the work is about
                after = [
                    m for m in after
                    if not SPIRIT_OF.match(text, m.end) and text.count("《", sent.start, m.start) <= text.count("》", sent.start, m.start)
                ]
            if rule.relation == "met":
                # …在机场热情迎接，代表卢拉总统…欢迎习近平: the one met stands in the verb's clause
                after = [m for m in after if not CLAUSE_MARK.search(text, te, m.start)]
            if rule.relation == "attended":
                # 巴赫…发表新年致辞，表示对北京冬奥会成功举办充满信心: an event named in a later
                # clause is not the one attended; a reference to it is (…先后致辞，表示本届峰会…)
                after = [m for m in after if m.rule == "reference" or not CLAUSE_MARK.search(text, te, m.start)]
            if rule.before_trigger or rule.relation in ("proposed", "participates_in"):
                # a place visited stands in the trigger's clause: 视察，主持召开…，经党中央 is not
                # a visit to 党中央; nor is what follows 提出， (what is said) the proposal, nor a
                # programme of a later clause what one takes part in (香港实现由乱转治，…，
                # “十四五”实现良好开局); nor what another verb governs (考察并出席杭州亚运会开幕式)
                after = [m for m in after if not CLAUSE_MARK.search(text, te, m.start) and not OTHER_VERB.search(text, te, m.start)]
                # 《…促进入境旅游发展打造…》《共建海上丝绸之路的福州》: a verb inside one title
                # says nothing of a name in the next
                after = [m for m in after if "》" not in text[te : m.start]]
            if rule.relation == "participates_in":
                # “一国两制”环境下…新篇章, 《…方案》所规划的…名单: the setting, or a modifier of
                # another noun, is not what the verb takes
                after = [m for m in after if not MODIFIES_AFTER.match(text, m.end)]
                # A与B签署…项目、C和D签署的…项目: the verb said again before a tail is that tail's
                after = [m for m in after if not verb_again(text, ms, ts, te, m.start)]
            if rule.relation == "proposed":
                # 提出要充分运用…工具支持长江经济带…, 研究提出明年继续支持“两新”工作的…安排: what is
                # proposed is a requirement or a support for the programme, not the programme
                after = [m for m in after if not PROPOSED_FOR.search(text, te, m.start) and not PROPOSED_CALL.match(text, te)]
            gap_from = te
            if rule.relation == "met" and after:
                # 会见来华出席…峰会的越南副总理胡德福: the guest is counted from the 的 that
                # closes what describes him, however long the event's name
                described = GUEST_DESCRIBED.match(text, te, after[0].start)
                if described is not None and described.end() <= after[0].start:
                    gap_from = described.end()
            group = tail_group(after, text) if after and after[0].start - gap_from <= rule.max_gap else []
            if group and group[0].type != "Person" and "的" in text[te : group[0].start]:
                # 会见来华进行国事访问的法国总统马克龙, 与到访的英国国防大臣华莱士: the trigger is
                # inside a clause that describes a person, and the place is that person's country
                # (also where the tagger missed the name after the title: 到访的德国总理朔尔茨)
                nxt = next((m for m in ms if m.start >= group[0].end), None)
                if self._describes_unnamed(group[0].start, ms, text):  # 的德国总理, 的马来西亚最高元首
                    group = []
                elif nxt is not None and nxt.type == "Person":
                    between = text[group[0].end : nxt.start]
                    if self.title_re.match(between) or (len(between) <= 10 and not CLAUSE_MARK.search(between) and self.title_re.ends_with_title(between)):
                        group = []
            head_limit = ts
            if rule.before_trigger:
                # 在 TAIL TRIGGER (在山西考察调研), 对 TAIL 进行访问, 来 TAIL 考察; the
                # preposition stands right before the tail (or a list of tails), so that in
                # 陈星对张玉良一行来驻马店考察 the 对 of the host is not taken for it
                near = [k for k, m in enumerate(ms) if m.end <= ts and m.type in rule.tail and VISIT_GAP.fullmatch(text, m.end, ts)]
                if near:
                    listed = self._listed_before(ms, near[-1], text)
                    first = listed[0]
                    k = ms.index(first)
                    while k > 0 and ms[k - 1].type == "Place" and ms[k - 1].end == first.start:
                        # 在甘肃省金昌、武威考察: the province before the list says where the
                        # places lie; the preposition stands before it, the visit is to the list
                        k -= 1
                        first = ms[k]
                    if first is not listed[0] and k > 0 and text[ms[k - 1].end : first.start] in LIST_MARKS:
                        # 在甘肃、陕西宝鸡考察: places listed before the last's province are visited too
                        before_chain = self._listed_before(ms, k - 1, text)
                        listed = [*before_chain, *listed]
                        first = before_chain[0]
                    prep = VISIT_PREP.search(text, max(sent.start, first.start - 14), first.start)
                    if prep is not None:
                        group = [*listed, *group]
                        head_limit = prep.start()
            tails = group or ([after[0]] if after and after[0].start == te else [])
            if rule.relation == "visited" and tails:
                # 同来华进行国事访问的芬兰总统斯图布举行会谈, 与到访叙利亚的伊朗外长…会谈: the
                # visit describes the guest named after 的, not the host who is the subject
                close = tails[-1].end if tails[-1].start >= te else te
                if text.startswith("的", close):
                    guests = self._described_after(close + 1, ms, text)
                    for head in guests:
                        for t in tails:
                            yield head, t
                    if guests or self._describes_unnamed(close + 1, ms, text):
                        continue  # the guest's name unread: nobody's visit is told
            if rule.relation == "met" and not group:
                talks = TALKS_WITH.match(text, self._clause_start(text, ts) + 1, ts)
                if talks is not None and text.startswith(("时，", "时,"), te):
                    # 在同非国大总书记姆巴卢拉会谈时，李希表示: the partner after 同, the one who
                    # talks after the clause
                    partners = [m for m in ms if talks.end() <= m.start and m.end <= ts and m.type == "Person"]
                    hosts = self._described_after(te + 2, ms, text)[:1]
                    if partners and hosts and hosts[0].start - te <= 16:
                        for p in partners:
                            yield hosts[0], p
                    continue
                yield from self._received(rule, text, sent, ms, ts, te, clause_end, bounds)
                continue
            if not group:
                continue
            if rule.relation == "met" and text.startswith(("时，", "时,"), group[-1].end) and text[self._clause_start(text, ts) + 1 : ts] in ("", "在"):
                # 在会见胡德福时，丁薛祥表示…: the one who meets is the subject after the clause
                hosts = self._described_after(group[-1].end + 2, ms, text)[:1]
                if hosts and hosts[0].start - group[-1].end <= 14:
                    for t in group:
                        yield hosts[0], t
                continue
            if rule.relation == "attended" and after and text.startswith("的", after[0].end) and text[ts - 1 : ts] in "与同和":
                # 与出席大会的大会主办…负责人座谈: the 的-clause names the partners, who attend
                continue
            if rule.relation == "attended" and GUEST_HOST_BEFORE.search(text, max(0, ts - 8), ts) and not text.startswith("的", group[-1].end):
                # 会见来华出席…峰会并进行国事访问的南非总统拉马福萨: the guests described up to 的
                # attend, not who meets them
                close = text.find("的", group[-1].end, min(clause_end, group[-1].end + 24))
                if close != -1 and not CLAUSE_MARK.search(text, group[-1].end, close):
                    for head in self._described_after(close + 1, ms, text):
                        for t in group:
                            yield head, t
                continue
            if rule.relation == "attended" and text.startswith("的", group[-1].end):
                # 会见出席中非合作论坛北京峰会的塞拉利昂总统比奥: the clause describes the
                # guests after 的, who attend; the one who meets them does not
                guests = self._described_after(group[-1].end + 1, ms, text)
                for head in guests:
                    for t in group:
                        yield head, t
                if guests or GUEST_HOST_BEFORE.search(text, max(0, ts - 8), ts) or text[ts - 1 : ts] in "与同和":
                    continue
            before = [m for m in ms if m.end <= head_limit and m.type in rule.head and (m.type == "Person" or not self._titled(text, m.end))]
            for inv in INVITED_BY.finditer(text, sent.start, head_limit):
                # 习近平应普京总统邀请访问俄罗斯: the one who invites is not the subject
                before = [m for m in before if not (inv.start() <= m.start and m.end <= inv.end())]
            for comp in ACCOMPANIED_BY.finditer(text, max(sent.start, head_limit - 60), head_limit):
                # 习近平在省委书记林武和省长蓝佛安陪同下，来到临汾: the companions are not the subject
                before = [m for m in before if not (comp.start() <= m.start and m.end <= comp.end())]
            if rule.relation in ("attended", "visited") and not [h for h in before if not NOT_SUBJECT_AFTER.match(text, h.end)]:
                # 出席喀山峰会期间，习近平主席同…: the subject opens the clause after the occasion
                for head in (occasion := self._occasion_subjects(rule, text, ts, te, head_limit, group, ms, bounds)):
                    yield from ((head, t) for t in group)
                if occasion:
                    continue
            said = None
            for said in SPEECH_OPENS.finditer(text, before[0].end if before else head_limit, head_limit):
                pass
            speaker = [m for m in before if m.end <= said.start() and m.type == "Person"] if said is not None else []
            if (
                speaker
                and text.startswith("我", said.end())
                and rule.relation in ("visited", "met", "attended")
                and not any(m.start >= max(said.end(), self._clause_start(text, ts)) for m in before)
            ):
                # 恩达伊施米耶表示，我对…同习近平主席会面的印象深刻，很高兴再次访问…中国: what
                # the speaker says of 我 is the speaker's own act, unless a name stands in the
                # verb's own clause (杜达表示，我一直记得习近平主席5年前对波兰进行国事访问…)
                before = speaker[-1:]
            elif said is not None and any(m.start >= said.end() for m in before):
                # 副市长刘云梅表示，中山贯彻落实…: the speaker is not the subject of what is said
                before = [m for m in before if m.start >= said.end()]
            elif said is not None and rule.relation in ("visited", "met", "attended") and OTHER_ONE.search(text, said.end(), ts):
                # 习近平指出，今年4月你访问中国: the one addressed is someone else (我 is the speaker)
                continue
            elif said is not None and rule.relation == "attended" and any(
                said.end() <= m.start and m.end <= ts and (m.type != "Place" or text[m.start - 1 : m.start] not in GOING_TO)
                and not any(inv.start() <= m.start and m.end <= inv.end() for inv in INVITED_BY.finditer(text, said.end(), ts))
                for m in ms
            ):
                # 洪森表示，真诚祝贺中方…顺利召开全国两会: what is said has a subject of its own
                # (a place one goes to is none: 普京表示，我很高兴应邀来华出席…)
                continue
            if rule.relation in ("attended", "visited") and before and INVITER_BEFORE.search(text, before[-1].end, ts):
                # 感谢习近平主席邀请我来华出席…: the one who invites is not who comes
                continue
            party = text.find("一行", before[-1].end if before else ts, head_limit + 2)
            if party != -1:
                # X一行来…: the visitor is the name right before 一行, never the host before it
                before = [m for m in before if m.end == party]
            if rule.before_trigger and before and self._hosts(text, before[-1].end, head_limit):
                # 林佳龙午宴欢迎…访台团, 宴请来昆访问的使节: the subject hosts the visitors
                continue
            if rule.relation == "visited" and group and any(g.start >= te and text.endswith(RETURNS_TO, te, g.start) for g in group):
                # 结束出访回到北京, 结束对阿联酋正式访问后乘包机回到北京: where one returns is home
                group = [g for g in group if g.start < te]
                if not group:
                    continue
            if group and rule.relation != "located_in" and text[te : group[0].start].endswith("位于"):
                # 来到位于金乡县国家现代农业产业园内的国际蒜都中心: the place where the site lies
                # is not what is visited; the site named after 的 is
                de = LIES_IN.match(text, group[-1].end)
                site = next((m for m in ms if m.start >= group[-1].end and m.type in rule.tail), None) if de else None
                group = [site] if site is not None and site.start == de.end() else []
                if not group:
                    continue
            lies = LIES_IN.match(text, group[-1].end) if rule.relation == "located_in" and not rule.reverse else None
            if lies is not None:
                # 位于波兰的奥斯维辛集中营, 来到位于三亚的实验室, 位于基辅郊区的一个目标: what
                # lies there is named after 的, not before the verb (and nothing when it is no name)
                site = next((m for m in ms if m.start >= lies.end() and m.type in rule.head), None)
                if site is not None and site.start - lies.end() <= 1:
                    for t in group:
                        yield site, t
                continue
            if not before and text.startswith("的", te):
                # 正在希腊访问的习近平主席: the clause describes the person after 的
                after_de = next((m for m in ms if m.start > te and m.type in rule.head), None)
                if after_de is not None and after_de.start - te <= 3 and after_de not in group:
                    before = [after_de]
            # 学习贯彻习近平总书记视察重庆重要讲话精神: the visit named by its speech is a past
            # fact, whatever call (要…) the sentence makes about the speech
            past = rule.relation == "visited" and bool(PAST_VISIT.match(text, group[-1].end))
            if rule.relation == "participates_in" and text[ts:te] == "共建" and PARTNER_LANDS.match(text, group[-1].end):
                continue  # 与共建“一带一路”国家的贸易: the verb names the partner countries
            if rule.relation == "participates_in":
                title = text.rfind("《", sent.start, ts)
                close = text.find("》", ts, sent.end)
                first = title
                while first > sent.start and text[first - 1] == "》" and text.rfind("《", sent.start, first - 1) != -1:
                    # 印发《…》《…》《关于加强…人才建设的若干措施》: the verb before a run of
                    # titles issues each of them
                    first = text.rfind("《", sent.start, first - 1)
                if title > text.rfind("》", sent.start, ts) and (
                    ISSUED.search(text, max(sent.start, first - 4), first) or (close != -1 and ISSUED.match(text, close + 1))
                ):
                    # 发布《关于深圳建设…先行示范区…的意见》: who issues a document for others is not
                    # who carries out the programme its title names (who adopts, signs or
                    # implements it is: 审议通过《…关于深入实施…的决议》)
                    before = [m for m in before if m.start > title]
            partners = self._both_parties(rule, text, ts, before, bounds)
            if partners:
                for head in partners:
                    for t in group:
                        yield head, t
                continue
            for head in self._pick_heads(before, ms, rule, text, ts, bounds, blockable=not past):
                for t in group:
                    yield head, t

    def _both_parties(self, rule, text: str, ts: int, before: list[Mention], bounds) -> tuple[Mention, ...]:
        """The partners of the document's one cooperation, for 双方 as the subject of a trigger at
        ``ts`` (…签署…。双方将贯彻落实…，抢抓…机遇): 双方 in its clause or, if that has no subject, an
        earlier one, with no other subject after it and no call or wish; none otherwise."""
        partners = self._sole_partners() if rule.parties else ()
        clause = self._clause_start(text, ts) + 1
        both = text.rfind("双方", clause, ts)
        if both == -1 and SUBJECT_GAP.fullmatch(text, clause, ts):
            both = text.rfind("双方", self._sentence_start, clause)
        if not partners or both == -1 or any(m.start >= both for m in before):
            return ()
        return () if self._blocked(rule, text, both, ts, bounds) else partners

    def _pick_heads(self, heads: list[Mention], ms: list[Mention], rule, text, ts, bounds, blockable: bool = True) -> list[Mention]:
        """The subject of a trigger, and the names listed with it (李强、丁薛祥出席…)."""
        # 贯彻党中央决策部署，推动…; 央视网消息; 以习近平同志为核心的党中央: a name given as
        # the source of a line or the core of a body is not who acts
        heads = [h for h in heads if not NOT_SUBJECT_AFTER.match(text, self._listed(ms, ms.index(h), text)[-1].end)]
        if not heads:
            return []
        persons = [h for h in heads if h.type == "Person"]
        if rule.subject == "first":
            # a place after 在 in an earlier clause is where something happens, not who does
            # it (在北京，开展…; 支持在吕梁市布局…，积极创建…); 在山西开展试点 stays
            heads = [h for h in heads if not where_before(h, ms, text, ts)]
            # 中国常驻联合国代表团举行…, 中国科学院上海天文台举行…: a place inside a body's name
            # is not who acts; the body is
            heads = [h for h in heads if not any(m.start <= h.start and h.end <= m.end and m.end - m.start > h.end - h.start for m in ms)]
            # 马方…成为中国的合作伙伴，积极参与…: a name before 的 modifies, no subject
            heads = [h for h in heads if not text.startswith("的", h.end)]
            heads = [h for h in heads if not partner_only(h, ms, rule.head, text)]
            if rule.relation == "participates_in":
                heads = [h for h in heads if not object_before(h, ms, text, ts) and not in_slogan(h, text)]
                # 针对…毕业生群体，国家启动…: the aim of the act is no subject of it
                heads = [h for h in heads if not aim_before(h, text, ts)]
            # 党中央对…作出部署5年来，西部地区…，如期打赢脱贫攻坚战: a name inside a clause of
            # time is no subject of what follows it
            heads = [h for h in heads if not in_time_clause(text, h, ts)]
            if not heads or self._person_subject(heads[0], ms, text) or self._titled_body(heads[0], ms, text):
                return []
            head = heads[0]
            opening = item_start(text, ms, self._clause_start(text, ts) + 1, ts)  # …签署…项目、C和D签署的…
            lead = CLAUSE_LEAD.match(text, opening, ts).end()
            own = next((m for m in ms if m.start == lead and m.end <= ts), None) if head.end <= opening else None
            if own is not None:
                # 雄安新区…建设扎实推进，…，京津冀协同发展实现“十四五”良好开局: a name opening the
                # trigger's own clause is its subject; the sentence's topic before it is not
                if own.type not in rule.head or own not in heads:
                    return []
                head = own
            elif head.end <= opening:
                # 苏州工业园区…，也是新加坡深度参与中国改革开放的见证: a name right before the
                # verb in its own clause, with adverbs only between, is its subject; not the
                # object of another's support (希望…，积极支持江西深度参与…建设), nor where the
                # topic's wish or call holds (巴方愿同中方…，推动…)
                near = next((m for m in reversed(heads) if opening <= m.start and SUBJECT_GAP.fullmatch(text, m.end, ts)), None)
                if near is not None:
                    if GOVERNS.search(text, opening, near.start) or self._blocked(rule, text, head.start, ts, bounds):
                        return []
                    head = near
            if rule.relation == "participates_in":
                head = innermost(head, ms, heads, ts, self._inside)
        elif rule.subject == "nearest":
            # A携手B: the partner right before the trigger, in its clause
            head = heads[-1]
            if CLAUSE_MARK.search(text, head.end, ts):
                return []
        elif persons and "Person" in rule.head:
            head = persons[-1]
            cs = self._clause_start(text, head.start) + 1
            host_verb = max((text.rfind(v, cs, head.start) for v in GUEST_HOSTS), default=-1)
            later = self._clause_start(text, ts) + 1
            if rule.relation == "visited" and host_verb != -1 and later > head.end and not GUESTS_AGAIN.search(text, later, ts):
                # 赵乐际在巴塞罗那会见…伊利亚，并考察了…工厂: the one met, in an earlier clause, is
                # no subject of the next; the one who met him is (not where the next clause names
                # the guests again: 欢迎他们…来华访问)
                hosts = [p for p in persons if cs <= p.start and p.end <= host_verb]
                if hosts:
                    head = hosts[-1]
        else:
            # 马来西亚支持中国提出的倡议: the body or place right before the verb is its subject,
            # and so are those listed with it before 等 (关注中国和巴西等国提出的…倡议)
            if rule.relation == "proposed":
                # 在安徽工业大学的…实验室，一个由…联合发起的…项目: a place after 在 in an earlier
                # clause is where, not who
                heads = [h for h in heads if not where_before(h, ms, text, ts)]
                # 由上海、江苏、安徽的行业龙头企业…联合发起的: names before 的 modify, no subject
                heads = [h for h in heads if not text.startswith("的", self._listed(ms, ms.index(h), text)[-1].end)]
                if not heads:
                    return []
            if LISTED_ETC.fullmatch(text, heads[-1].end, ts):
                listed = [m for m in self._listed_before(ms, ms.index(heads[-1]), text) if m in heads]
                if not (blockable and self._blocked(rule, text, listed[0].start, ts, bounds)):
                    return listed
                return []
            head = heads[-1] if heads[-1].end == ts else heads[0]
        # calls and wishes (希望山西…, 要推进…) anywhere in the clause before the trigger, and
        # for programmes a call anywhere before it in the sentence
        if blockable and self._blocked(rule, text, head.start, ts, bounds):
            return []
        if blockable and rule.relation == "participates_in" and call_before(text, self._sentence_start, ts, bounds):
            return []
        others = OTHERS_ACT.search(text, head.end, ts + 2) if rule.relation == "participates_in" else None
        if others is not None and others.end() <= ts:
            return []  # 中方…欢迎沙方加入全球发展倡议: the one welcomed or helped joins, not the host
        out = [head]
        if rule.subject == "first" and rule.relation == "participates_in":
            # 农业农村部和国家发展改革委接续实施…: the subject is the whole list before the verb,
            # in the verb's own clause (a list in an earlier clause is about something else)
            listed = [m for m in self._listed(ms, ms.index(head), text) if m.type in rule.head and m.end <= ts]
            return out if CLAUSE_MARK.search(text, listed[-1].end, ts) else listed
        if head.type != "Person" or rule.subject != "nearest-person":
            return out
        k = ms.index(head) - 1
        cur, cur_k = head, k + 1
        while k >= 0:
            m = ms[k]
            if m.type == "Person":
                gap = text[m.end : cur.start]
                # what lies between two listed names: punctuation, titles and the bodies they
                # hold (the mentions between them in the sentence's order)
                inner = [x for x in ms[k + 1 : cur_k] if m.end <= x.start and x.end <= cur.start]
                for x in sorted(inner, key=lambda x: -x.start):
                    gap = gap[: x.start - m.end] + gap[x.end - m.end :]
                if self._list_gap(gap):
                    out.append(m)
                    cur, cur_k = m, k
                else:
                    break
            k -= 1
        return out

    def _person_subject(self, head: Mention, ms: list[Mention], text: str) -> bool:
        """Whether a person opens the clause of ``head``, before it, with only titles before
        the name (习近平主席亲临黑龙江省视察，…; 省委书记、省人大常委会主任许勤率团对俄罗斯…):
        the person is the subject there, not ``head``. A person named inside what the
        clause says (我们深入学习贯彻习近平总书记考察浙江重要讲话精神) is not."""
        clause_start = self._clause_start(text, head.start) + 1
        first = next((m for m in ms if m.start >= clause_start), None)
        if first is None or first.type != "Person" or first.end > head.start:
            return False
        if text.startswith("摄", first.end):
            return False  # 左乙辰摄 荆楚网…讯: a photographer's credit opens the line, no subject
        lead = LEADING_DATE.sub("", text[clause_start : first.start])
        return not lead or self._list_gap(lead) or bool(self.title_re.match(self.bare_body_re.sub("", lead)))

    def _inside(self, outer: Mention, inner: Mention) -> bool:
        """Whether the gazetteer puts the place ``inner`` inside ``outer`` (河北 > 唐山)."""
        po, pi = self._refs.get(outer.key, ""), self._refs.get(inner.key, "")
        return po in self.res.places and pi in self.res.places and po in self.res.parent_chain(pi)

    def _titled_body(self, head: Mention, ms: list[Mention], text: str) -> bool:
        """Whether ``head`` is the body of a title before a person (国家发展改革委主任郑栅洁、
        …先后发言，就推动西部大开发…): the person speaks, the body does not act."""
        k = ms.index(head)
        nxt = ms[k + 1] if k + 1 < len(ms) else None
        return nxt is not None and nxt.type == "Person" and bool(self.title_re.match(text[head.end : nxt.start]))

    def _titled(self, text: str, end: int) -> bool:
        """Whether a title follows a body or place right at ``end``: 中共中央政治局委员…出席,
        国际奥林匹克委员会负责人等出席, 联大主席将出席, 乌克兰总统办公室顾问…说: the body names
        whose officer acts, and is no subject itself (the officer, when named, is); so does a
        country before 驻, whose mission abroad acts (中国驻巴拿马使馆举办…)."""
        if text.startswith(("驻", "常驻"), end):
            return True  # 中国驻巴拿马使馆举办…, 中国常驻联合国代表团举行…: a mission abroad, not the country
        k = end
        while text.startswith(TITLE_OPENERS, k):
            k += next(len(p) for p in TITLE_OPENERS if text.startswith(p, k))
        titles = self.res.title_set
        return any(text[k : k + n] in titles for n in range(1, 6))
