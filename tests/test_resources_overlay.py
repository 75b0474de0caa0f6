"""kg.resources.overlay and user dictionaries: a --data-dir folder on top of kg's data
(tables and word lists extend, rules files replace), --user-dict names with their
validation, and both through the command line."""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.errors import ResourceError
from kg.extract.segment import Segmenter
from kg.resources import DataSource, default_data_dir, load_resources, load_user_dict

SENTENCE = "香港特区行政长官李家超今天在北京会见了国家发展改革委主任郑栅洁。"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ overlay folder
def test_a_folder_with_only_entities_tsv_extends_the_builtin_data(tmp_path):
    write(tmp_path / "lexicon" / "entities.tsv", "李家超\tPerson\t李特首\n")
    builtin = load_resources()
    res = load_resources(tmp_path)
    assert res.lexicon_forms["李特首"].name == "李家超"
    assert len(res.lexicon) == len(builtin.lexicon) + 1
    assert res.lexicon[: len(builtin.lexicon)] == builtin.lexicon  # the built-in entries, in order
    # every file the folder lacks comes from kg's data
    assert res.relation_rules == builtin.relation_rules and res.suffixes == builtin.suffixes
    assert res.places == builtin.places and res.titles == builtin.titles
    assert res.fingerprint and res.fingerprint != builtin.fingerprint


def test_an_overlay_row_replaces_the_builtin_row_of_its_key(tmp_path):
    write(tmp_path / "lexicon" / "entities.tsv", "中共中央\tOrganization\t党中央|中共中央委员会\n")
    write(tmp_path / "gazetteer" / "abbreviations.tsv", "中\tFR\n")
    builtin = load_resources()
    res = load_resources(tmp_path)
    assert len(res.lexicon) == len(builtin.lexicon)
    at = [e.name for e in builtin.lexicon].index("中共中央")
    assert res.lexicon[at].aliases == ("党中央", "中共中央委员会")  # in the built-in entry's place
    assert builtin.country_abbr["中"] == "CN" and res.country_abbr["中"] == "FR"
    assert res.country_abbr["美"] == builtin.country_abbr["美"]


def test_word_lists_and_gazetteer_tables_extend(tmp_path):
    write(tmp_path / "lexicon" / "surnames.txt", "# a rare surname\n佴\n")
    write(tmp_path / "lexicon" / "title_prefixes.txt", "# the Arab side of a joint forum\n阿方\n")
    header = "id\tname\taliases\tkind\tparent\tlon\tlat\n"
    write(tmp_path / "gazetteer" / "world.tsv", header + "XX-TEST\t测试岛\t测岛\tisland\t\t\t\n")
    builtin = load_resources()
    res = load_resources(tmp_path)
    assert res.surnames == builtin.surnames | {"佴"}
    assert set(res.title_prefixes) == set(builtin.title_prefixes) | {"阿方"}
    assert "中方" in builtin.title_prefixes and "阿方" not in builtin.title_prefixes
    from kg.extract.relations import RelationFinder

    assert RelationFinder(res).title_re.match("阿方主席") and not RelationFinder(builtin).title_re.match("阿方主席")
    assert res.places["XX-TEST"].short == ("测岛",) and res.place_forms["测岛"] == ("XX-TEST",)
    assert set(res.places) == set(builtin.places) | {"XX-TEST"}


def test_a_rules_file_replaces_the_builtin_one(tmp_path):
    write(tmp_path / "rules" / "suffixes.tsv", "# only one rule\n研究院\tOrganization\tproper\t1\n")
    builtin = load_resources()
    res = load_resources(tmp_path)
    assert [r.suffix for r in res.suffixes] == ["研究院"]
    assert len(builtin.suffixes) > 10
    assert res.relation_rules == builtin.relation_rules  # the other rules file is kg's


def test_a_full_copy_of_the_data_folder_gives_the_builtin_resources(tmp_path):
    for sub in ("gazetteer", "lexicon", "rules"):
        shutil.copytree(default_data_dir() / sub, tmp_path / sub)
    builtin = load_resources()
    res = load_resources(tmp_path)
    assert res.lexicon == builtin.lexicon and res.places == builtin.places
    assert res.suffixes == builtin.suffixes and res.relation_rules == builtin.relation_rules
    assert res.user_words() == builtin.user_words()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("lexicon/entitys.tsv", r"entitys.tsv: kg reads no such data file \(the files of lexicon/ are "),
        ("entities.tsv", r"entities.tsv: kg reads this file only as lexicon/entities.tsv of the data folder"),
        ("notes.md", r": holds none of kg's data files"),
    ],
)
def test_a_file_kg_would_not_read_is_an_error(tmp_path, path, message):
    write(tmp_path / path, "李家超\tPerson\t\n")
    with pytest.raises(ResourceError, match=message):
        load_resources(tmp_path)


def test_an_error_in_an_overlay_file_names_it_and_its_line(tmp_path):
    bad = write(tmp_path / "lexicon" / "entities.tsv", "李家超\tPerson\t\n李家超\tPerson\t\n")
    with pytest.raises(ResourceError, match=rf"^{bad}:2: 李家超 is listed twice$"):
        load_resources(tmp_path)


def test_an_edited_overlay_is_read_again(tmp_path):
    entities = write(tmp_path / "lexicon" / "entities.tsv", "李家超\tPerson\t\n")
    first = load_resources(tmp_path)
    assert load_resources(tmp_path) is first  # cached
    write(entities, "李家超\tPerson\t李特首\n")
    second = load_resources(tmp_path)
    assert second.fingerprint != first.fingerprint
    assert second.lexicon_forms["李特首"].name == "李家超"


def test_worker_processes_load_the_same_resources_from_data_dir(tmp_path):
    write(tmp_path / "lexicon" / "entities.tsv", "李家超\tPerson\t\n")
    names = write(tmp_path / "names.txt", "郑栅洁\n")
    res = load_resources(tmp_path, names)
    again = load_resources(pickle.loads(pickle.dumps(res.data_dir)))  # as the pipeline's workers do
    assert again is res
    assert isinstance(res.data_dir, DataSource)
    # as a path, the source is kg's own data folder (code that reads a data file by path)
    assert Path(res.data_dir) == default_data_dir().resolve()
    assert load_resources().data_dir == str(default_data_dir().resolve())


# ------------------------------------------------------------------ user dictionary
def test_user_dict_format(tmp_path):
    p = write(
        tmp_path / "names.txt",
        "\ufeff# names the segmenter cut apart\n"
        "李家超\n"
        "\n"
        "郑栅洁\tPerson\t郑主任，栅洁\n"
        "晋中智创谷\tEnterprise\t智创谷|晋中智创谷\n"
        "太原数字峰会\tEvent\t数字峰会,峰会 \n",
    )
    entries = load_user_dict(p)
    assert [(n, e.name, e.type, e.aliases) for n, e in entries] == [
        (2, "李家超", "Person", ()),  # type defaults to Person; the byte-order mark is dropped
        (4, "郑栅洁", "Person", ("郑主任", "栅洁")),
        (5, "晋中智创谷", "Enterprise", ("智创谷",)),  # the name itself is no alias
        (6, "太原数字峰会", "Event", ("数字峰会", "峰会")),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("李家超\tPerson\t\tx", "expected at most 3 tab-separated columns (name, type, aliases), got 4"),
        (
            "李家超\tperson",
            ("unknown entity type 'person' (use Person, Place, Organization, Enterprise, Initiative, Event)"),
        ),
        ("李家超 Person", "columns are separated by a tab, not spaces ('李家超 Person')"),
        ("李家超 3 nr", "columns are separated by a tab, not spaces ('李家超 3 nr')"),
        ("\tPerson", "empty name"),
        ("李家超\tPerson\t李特首,,特首", "an empty alias"),
        ("~李家超", "forms marked ~ need a domain, which only lexicon/*.tsv has (see --data-dir)"),
        ("孙立\n郑栅洁", "郑栅洁 is listed twice (first on line 1)"),
    ],
)
def test_user_dict_errors_are_one_line_with_file_and_line(tmp_path, line, reason):
    p = write(tmp_path / "names.txt", f"郑栅洁\n# comment\n{line}\n")
    lineno = 3 + line.count("\n")
    with pytest.raises(ResourceError) as e:
        load_resources(None, p)
    assert str(e.value) == f"{p}:{lineno}: {reason}"


def test_user_dict_names_conflicting_with_the_lexicon_are_errors(tmp_path):
    p = write(tmp_path / "names.txt", "李家超\n中共中央\tPerson\n")
    with pytest.raises(
        ResourceError, match=rf"^{p}:2: 中共中央 is a Organization in kg's lexicon; a user dictionary "
    ):
        load_resources(None, p)
    write(p, "李家超\tPerson\t党中央\n")
    with pytest.raises(
        ResourceError, match=rf"^{p}:1: 党中央 already names 中共中央 \(Organization\) in the lexicon$"
    ):
        load_resources(None, p)


def test_user_dict_aliases_merge_into_an_entry_of_the_same_name(tmp_path):
    p = write(tmp_path / "names.txt", "中共中央\tOrganization\t中共中央委员会,党中央\n李家超\t\t李特首\n")
    builtin = load_resources()
    res = load_resources(None, p)
    entry = res.lexicon_forms["中共中央委员会"]
    assert entry.name == "中共中央" and entry.aliases == ("党中央", "中共中央委员会")
    assert res.lexicon_forms["李特首"].name == "李家超" and res.lexicon_forms["李家超"].type == "Person"
    assert len(res.lexicon) == len(builtin.lexicon) + 1
    assert res.data_dir.user_dicts == (str(p.resolve()),)


def test_the_segmenter_keeps_user_dict_names_whole(tmp_path):
    p = write(tmp_path / "names.txt", "李家超\n")
    tokens = [t.text for t in Segmenter("rjieba", load_resources().user_words()).tokens(SENTENCE)]
    assert "李家超" not in tokens and "李家" in tokens  # the miss the user dictionary is for
    res = load_resources(None, p)
    assert ("李家超", 80_000, "nr") in res.user_words()
    for backend in ("rjieba", "jieba"):
        assert "李家超" in [t.text for t in Segmenter(backend, res.user_words()).tokens(SENTENCE)], backend


# ------------------------------------------------------------------ command line
def test_kg_build_and_annotate_take_a_user_dict_and_an_overlay(tmp_path, monkeypatch):
    from kg.cli import main

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "news.txt", SENTENCE + "李特首表示欢迎。\n")
    write(tmp_path / "names.txt", "李家超\tPerson\t李特首\n")
    runner = CliRunner()
    result = runner.invoke(main, ["build", "news.txt", "-o", "out", "-q", "--user-dict", "names.txt"])
    assert result.exit_code == 0, result.output
    entities = (tmp_path / "out" / "entities.csv").read_text(encoding="utf-8")
    assert "person/李家超,李家超,Person," in entities and "李特首" in entities
    settings = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))["settings"]
    assert settings["user_dict"] == "names.txt"
    assert settings["user_dict_sha256"] == hashlib.sha256((tmp_path / "names.txt").read_bytes()).hexdigest()

    # the config key, and a --data-dir holding only lexicon/entities.tsv
    write(tmp_path / "kg.toml", '[kg]\nuser_dict = "names.txt"\n')
    write(tmp_path / "ov" / "lexicon" / "entities.tsv", "郑栅洁\tPerson\t郑主任\n")
    result = runner.invoke(
        main, ["build", "news.txt", "-o", "out2", "-q", "--config", "kg.toml", "--data-dir", "ov"]
    )
    assert result.exit_code == 0, result.output
    assert "person/李家超," in (tmp_path / "out2" / "entities.csv").read_text(encoding="utf-8")

    # a bad line stops the run with one line naming the file and line
    write(tmp_path / "bad.txt", "李家超\n李家超\tCompany\n")
    result = runner.invoke(main, ["build", "news.txt", "-o", "out3", "--user-dict", "bad.txt"])
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .endswith(
            "bad.txt:2: unknown entity type 'Company' (use Person, "
            "Place, Organization, Enterprise, Initiative, Event)"
        )
    )
    assert not (tmp_path / "out3").exists()


def test_kg_annotate_takes_a_user_dict_and_an_overlay(tmp_path, monkeypatch):
    from kg.cli import main

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "names.txt", "李家超\n")
    write(tmp_path / "ov" / "lexicon" / "entities.tsv", "郑栅洁\tPerson\t郑主任\n")
    # without his title (行政长官 is a cue of its own) the name is one the build misses
    text = SENTENCE.replace("行政长官", "")
    write(tmp_path / "records.jsonl", json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n")
    args = ["annotate", "--jsonl", "records.jsonl", "-o", "-"]
    plain = CliRunner().invoke(main, args)
    assert plain.exit_code == 0, plain.output
    assert "李家超" not in {m["text"] for m in json.loads(plain.stdout)["entities"]}
    result = CliRunner().invoke(main, [*args, "--data-dir", "ov", "--user-dict", "names.txt"])
    assert result.exit_code == 0, result.output
    start = text.index("李家超")
    assert {"start": start, "end": start + 3, "type": "Person", "text": "李家超"} in json.loads(
        result.stdout
    )["entities"]


def test_an_overlays_short_forms_extend_kgs(tmp_path):
    write(tmp_path / "lexicon" / "short_forms.tsv", "kind\tfull\tshort\nzone\t农业高新技术产业示范区\t农高区\n")
    builtin = load_resources()
    res = load_resources(tmp_path)
    assert res.short_forms == (*builtin.short_forms, ("zone", "农业高新技术产业示范区", "农高区"))
