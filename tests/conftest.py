"""A small hand-made ``Extraction`` shared by the export tests.

Three documents, ten entities of all six types, typed relations of eight kinds with
evidence, and co-occurrences. The third document is hostile: its id has a space and a
``#``, its title and text hold ``<script>alert(1)</script>``, ``"quotes" & ampersands``,
``</script>`` and U+2028, and one entity's name holds the same, so every exporter has to
escape properly. It is built straight from the model dataclasses so the export tests do
not depend on the extraction pipeline.

Also the fixtures of the sample corpus build (``sample_export``, ``sample_store``) and of
the SPARQL server over it (``served``, ``base``) that the query and server tests share,
the headless browser of the browser tests (``browser``), and the extraction tools and
the extracted fixture corpus (``tools``, ``fixture_docs``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from kg.config import Settings
from kg.model import (
    Cooccurrence,
    DocEntity,
    DocExtraction,
    Document,
    Entity,
    Evidence,
    Extraction,
    Relation,
    Sentence,
)

# Hypothesis judges properties, not speed: no per-example deadline and no "too slow" health
# check, since this machine is shared and its timings move by a factor of two (speed targets
# live in bench/).
hypothesis_settings.register_profile("kg", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("kg")


EVIL = '<script>alert(1)</script> "quotes" & ampersands #1'

D1 = "2024-11-05-xinhua-001"
D2 = "2024-11-06-cctv-002"
D3 = "evil doc #3"

TEXTS = {
    D1: (
        "新华社北京11月5日电 国家主席习近平5日在北京会见法国总统马克龙。"
        "马克龙此次访问北京，习近平对此表示欢迎。"
        "习主席表示，中方愿同法方共建“一带一路”倡议。"
    ),
    D2: (
        "第七届中国国际进口博览会在上海开幕。"
        "法国总统马克龙出席进博会开幕式。"
        "华为技术有限公司参与“一带一路”建设。"
        "外交部部长王毅出席了活动。"
    ),
    D3: f"华为与{EVIL}签署合作协议。第二句\u2028包含行分隔符</script>。",
}

XI = "Person:习近平"
MACRON = "Person:马克龙"
WANG = "Person:王毅"
BEIJING = "Place:北京"
SHANGHAI = "Place:上海"
MFA = "Organization:外交部"
EVIL_ORG = f"Organization:{EVIL}"
HUAWEI = "Enterprise:华为技术有限公司"
BRI = "Initiative:一带一路"
CIIE = "Event:中国国际进口博览会"


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split at 。 keeping offsets, enough for the fixture texts."""
    out: list[Sentence] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "。":
            out.append(Sentence(index=len(out), start=start, end=i + 1, text=text[start : i + 1]))
            start = i + 1
    return tuple(out)


SENTENCES = {doc_id: split_sentences(text) for doc_id, text in TEXTS.items()}


def ev(doc: str, sentence: int, rule: str) -> Evidence:
    s = SENTENCES[doc][sentence]
    return Evidence(doc=doc, sentence=s.index, start=s.start, end=s.end, text=s.text, rule=rule)


def make_extraction() -> Extraction:
    """Build the fixture extraction (a plain function so subprocesses can call it too)."""
    documents = {
        D1: Document(
            id=D1,
            text=TEXTS[D1],
            path="corpus/001.txt",
            title="习近平会见法国总统马克龙",
            date="2024-11-05",
            source="新华社",
            format="txt",
            encoding="utf-8",
        ),
        D2: Document(
            id=D2,
            text=TEXTS[D2],
            path="corpus/002.md",
            title="第七届进博会在上海开幕",
            date="2024-11-06",
            source="央视网",
            format="md",
            encoding="utf-8",
        ),
        D3: Document(
            id=D3,
            text=TEXTS[D3],
            path="corpus/evil.jsonl",
            title=EVIL,
            date="2024年11月7日",
            source='"quotes" & <b>source</b>',
            format="jsonl",
            encoding="gb18030",
        ),
    }

    entities = (
        Entity(XI, "Person", "习近平", ("习主席",), 3, (D1,)),
        Entity(MACRON, "Person", "马克龙", ("马克龙总统",), 3, (D1, D2)),
        Entity(WANG, "Person", "王毅", (), 1, (D2,)),
        Entity(
            BEIJING,
            "Place",
            "北京",
            ("北京市",),
            2,
            (D1,),
            (("adcode", "110000"), ("parent", "CN"), ("lon", "116.405285"), ("lat", "39.904989")),
        ),
        Entity(
            SHANGHAI,
            "Place",
            "上海",
            ("上海市",),
            1,
            (D2,),
            (("adcode", "310000"), ("parent", "CN"), ("lon", "121.472644"), ("lat", "31.231706")),
        ),
        Entity(MFA, "Organization", "外交部", (), 1, (D2,)),
        Entity(EVIL_ORG, "Organization", EVIL, ('"quotes" & ampersands',), 1, (D3,)),
        Entity(HUAWEI, "Enterprise", "华为技术有限公司", ("华为",), 2, (D2, D3)),
        Entity(BRI, "Initiative", "一带一路", ("一带一路倡议",), 2, (D1, D2)),
        Entity(CIIE, "Event", "中国国际进口博览会", ("进博会",), 2, (D2,)),
    )

    relations = (
        Relation(WANG, "holds_position", MFA, (ev(D2, 3, "title_before_name"),)),
        Relation(CIIE, "located_in", SHANGHAI, (ev(D2, 0, "event_in_place"),)),
        Relation(MACRON, "visited", BEIJING, (ev(D1, 1, "visit_verb"),)),
        # Evidence deliberately out of order: exporters sort it.
        Relation(XI, "met", MACRON, (ev(D1, 1, "meet_context"), ev(D1, 0, "meet_verb"))),
        Relation(MACRON, "attended", CIIE, (ev(D2, 1, "attend_verb"),)),
        Relation(XI, "proposed", BRI, (ev(D1, 2, "propose_verb"),)),
        Relation(HUAWEI, "participates_in", BRI, (ev(D2, 2, "participate_verb"),)),
        Relation(HUAWEI, "cooperates_with", EVIL_ORG, (ev(D3, 0, "cooperate_verb"),)),
    )

    co = "cooccurrence"
    cooccurrences = (
        Cooccurrence(XI, MACRON, 2, 1, 1.2345678912, 0.5123456789, (ev(D1, 1, co), ev(D1, 0, co))),
        Cooccurrence(MACRON, BEIJING, 2, 1, 0.9, 0.4, (ev(D1, 0, co), ev(D1, 1, co))),
        Cooccurrence(XI, BEIJING, 2, 1, 0.8, 0.35, (ev(D1, 0, co), ev(D1, 1, co))),
        Cooccurrence(HUAWEI, EVIL_ORG, 1, 1, 2.5, 1.0, (ev(D3, 0, co),)),
        Cooccurrence(CIIE, SHANGHAI, 1, 1, 2.0, 0.8, (ev(D2, 0, co),)),
        Cooccurrence(BRI, XI, 1, 1, -0.25, -0.1, (ev(D1, 2, co),)),
    )

    doc_entities = {
        D1: (
            DocEntity("习近平", "Person", ("习主席",), 3),
            DocEntity("马克龙", "Person", (), 2),
            DocEntity("北京", "Place", (), 2, (("adcode", "110000"),)),
            DocEntity("一带一路", "Initiative", (), 1),
        ),
        D2: (
            DocEntity("中国国际进口博览会", "Event", ("进博会",), 2),
            DocEntity("上海", "Place", (), 1, (("adcode", "310000"),)),
            DocEntity("马克龙", "Person", ("马克龙总统",), 1),
            DocEntity("华为技术有限公司", "Enterprise", (), 1),
            DocEntity("一带一路", "Initiative", (), 1),
            DocEntity("王毅", "Person", (), 1),
            DocEntity("外交部", "Organization", (), 1),
        ),
        D3: (
            # The document-level name differs from the corpus name 华为技术有限公司.
            DocEntity("华为", "Enterprise", (), 1),
            DocEntity(EVIL, "Organization", ('"quotes" & ampersands',), 1),
        ),
    }
    doc_relations = {
        D1: (
            Relation("马克龙", "visited", "北京", (ev(D1, 1, "visit_verb"),)),
            Relation("习近平", "met", "马克龙", (ev(D1, 1, "meet_context"), ev(D1, 0, "meet_verb"))),
            Relation("习近平", "proposed", "一带一路", (ev(D1, 2, "propose_verb"),)),
        ),
        D2: (
            Relation("王毅", "holds_position", "外交部", (ev(D2, 3, "title_before_name"),)),
            Relation("中国国际进口博览会", "located_in", "上海", (ev(D2, 0, "event_in_place"),)),
            Relation("马克龙", "attended", "中国国际进口博览会", (ev(D2, 1, "attend_verb"),)),
            Relation("华为技术有限公司", "participates_in", "一带一路", (ev(D2, 2, "participate_verb"),)),
        ),
        D3: (Relation("华为", "cooperates_with", EVIL, (ev(D3, 0, "cooperate_verb"),)),),
    }
    by_name = {(e.type, e.name): e.id for e in entities}
    entity_of = {
        (doc_id, de.name): by_name.get((de.type, de.name), HUAWEI if de.name == "华为" else "")
        for doc_id, des in doc_entities.items()
        for de in des
    }
    docs = tuple(
        DocExtraction(
            doc=documents[doc_id],
            sentences=SENTENCES[doc_id],
            mentions=(),
            entities=doc_entities[doc_id],
            relations=doc_relations[doc_id],
        )
        for doc_id in (D1, D2, D3)
    )
    return Extraction(
        docs=docs,
        entities=entities,
        relations=relations,
        cooccurrences=cooccurrences,
        entity_of=entity_of,
        sentence_total=sum(len(s) for s in SENTENCES.values()),
    )


@pytest.fixture
def extraction() -> Extraction:
    return make_extraction()


@pytest.fixture
def settings() -> Settings:
    return Settings()


# --------------------------------------------------------------------------- the sample build
def sample_export_dir(tmp_path_factory) -> Path:
    """One build of the sample corpus (data/corpus) per session, shared by the query and
    server tests (same directory, so only the first caller builds)."""
    from kg.pipeline import build
    from kg.resources import default_data_dir

    out = tmp_path_factory.getbasetemp() / "sample-export"
    if not (out / "manifest.json").is_file():
        build([default_data_dir() / "corpus"], out, Settings())
    return out


@pytest.fixture(scope="module")
def sample_export(tmp_path_factory) -> Path:
    """The folder of the sample corpus build (a module may define its own build instead)."""
    return sample_export_dir(tmp_path_factory)


@pytest.fixture(scope="module")
def sample_store(sample_export):
    """The Oxigraph store of the sample build, open for one test module."""
    from kg.sparql.store import GraphStore

    with GraphStore.open(sample_export) as gs:
        yield gs.store


@pytest.fixture(scope="module")
def served(sample_export):
    """The main server of the serve tests over the sample build, one per test module:
    ``(server, url)`` (see ``main_server`` in tests/test_serve.py)."""
    from test_serve import main_server

    yield from main_server(sample_export)


@pytest.fixture(scope="module")
def base(served) -> str:
    """The URL of ``served``: ``http://127.0.0.1:PORT``."""
    return served[1]


# --------------------------------------------------------------------------- the browser
@pytest.fixture(scope="module")
def browser():
    """The system's headless Chromium, one per test module (tests/offline_browser.py)."""
    from offline_browser import launch

    yield from launch()


# --------------------------------------------------------------------------- the fixture corpus
FIXTURE_CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def tools():
    """The extraction tools of the default settings, loaded once per test module."""
    from kg.extract.document import make_tools

    return make_tools(Settings())


@pytest.fixture(scope="module")
def fixture_docs(tools) -> list[DocExtraction]:
    """The small fixture documents (tests/fixtures/corpus), each read without error and extracted."""
    from kg.extract.document import extract_document
    from kg.read.inputs import read_inputs

    documents, records = read_inputs([FIXTURE_CORPUS])
    assert [r.status for r in records] == ["ok"] * len(records)
    return [extract_document(doc, tools) for doc in documents]


# --------------------------------------------------------------------------- the command line
@pytest.fixture
def runner():
    """A click test runner for the ``kg`` commands."""
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A copy of the fixture corpus that a test may add files to."""
    import shutil

    dest = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, dest)
    return dest
