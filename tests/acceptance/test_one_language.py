"""One language per run: with --lang zh every message is Chinese — those of the YAML parser, of
pydantic, of the value grammar and of spreadsheet layouts included — and with --lang en English."""

import json
import re

import pytest
from openpyxl import Workbook

from conftest import indicator, plan_data, write_yaml

#: English words that would betray a message left untranslated (none is a key of the format).
ENGLISH = re.compile(r"\b(the|is|not|are|expected|should|cannot|found|Input|must|an|of|to|while|did|could)\b")
#: …and Chinese characters in English output (data quoted in messages aside: the inputs below hold none).
CHINESE = re.compile(r"[\u4e00-\u9fff]")
#: The format's own Chinese words, which English messages quote as they are.
FORMAT_WORDS = re.compile("应保尽保|约1000|约束性|预期性")

YAML_MISTAKES = {
    "unclosed-quote.yaml": 'plan:\n  id: "x\n',
    "colon-in-value.yaml": "plan:\n  name: a: b\n",
    "indentation.yaml": "plan:\n  id: x\n name: y\n",
    "tab.yaml": "plan:\n\tid: x\n",
    "flow.yaml": "plan: [1, 2\nx: 3\n",
    "block-scalar.yaml": "plan:\n  id: >95\n",
    "alias.yaml": "plan: *nothing\n",
    "two-documents.yaml": "plan: 1\n---\nplan: 2\n",
    "tagged.yaml": "plan: !!int abc\n",
    "separator.yaml": "plan:\n  id: a\u2028b\n",
    "empty.yaml": "",
    "a-list.yaml": "- 1\n- 2\n",
    "stranger.yaml": "hello: world\n",
}


def bad_plan() -> dict:
    data = plan_data("x", [indicator("life_expectancy", "abc", "9 5"), indicator("life_expectancy", 78, "{97}")])
    data["plan"].update(level="town", base_year="abc", period="2025-2021", id="X Y")
    data["indicators"][0]["nature"] = "maybe"
    data["indicators"][1]["natrue"] = data["indicators"][1].pop("nature")
    data["waivers"] = [{"rule": "PS201"}]
    return data


@pytest.fixture
def bad_files(tmp_path):
    for name, text in YAML_MISTAKES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    write_yaml(tmp_path / "fields.yaml", bad_plan())
    (tmp_path / "unquoted-total.yaml").write_text(
        (tmp_path / "fields.yaml").read_text(encoding="utf-8").replace("'{97}'", "{97}"), encoding="utf-8"
    )
    (tmp_path / "layout.csv").write_text("name,amount\nx,1\n", encoding="utf-8")
    (tmp_path / "two-values.csv").write_text(
        "indicator,year,value,value\nlife_expectancy,2022,79,80\n", encoding="utf-8"
    )
    (tmp_path / "rows.csv").write_text(
        "indicator,year,value\nlife_expectancy,twenty,79\nlife_expectancy,2022,abc\n,2023,80\n", encoding="utf-8"
    )
    (tmp_path / "open-quote.csv").write_text('indicator,year,value\n"life_expectancy,2022,79\n', encoding="utf-8")
    book = Workbook()
    book.active.append(["indicator", "year", "value"])
    book.active.append(["life_expectancy", 2022, "=70+9"])
    book.save(tmp_path / "formula.xlsx")
    return sorted(p.name for p in tmp_path.iterdir())


def messages(cli, lang, files):
    report = json.loads(cli("validate", *files, "-f", "json", "--lang", lang).stdout)
    assert report["language"] == lang
    return [(f["file"], f["rule"], f["message"]) for f in report["findings"]]


def test_every_problem_of_a_broken_file_is_said_in_chinese(cli, bad_files):
    found = messages(cli, "zh", bad_files)
    assert len({file for file, _, _ in found}) == len(bad_files)  # every file has something to say
    leftovers = [(file, rule, text) for file, rule, text in found if ENGLISH.search(text)]
    assert leftovers == []


def test_and_in_english_with_lang_en(cli, bad_files):
    said = [(file, rule, FORMAT_WORDS.sub("", text)) for file, rule, text in messages(cli, "en", bad_files)]
    leftovers = [entry for entry in said if CHINESE.search(entry[2])]
    assert leftovers == []


def test_a_chinese_value_where_the_format_wants_an_english_one_gets_the_right_suggestion(cli, tmp_path):
    data = plan_data("x", [indicator("life_expectancy", 78, 79, stated_in="正文")])
    data["plan"]["level"] = "县级"
    write_yaml(tmp_path / "p.yaml", data)
    texts = [m for _, _, m in messages(cli, "zh", ["p.yaml"])]
    assert any("“county”" in t for t in texts) and any("“prose”" in t for t in texts)
    english = [m for _, _, m in messages(cli, "en", ["p.yaml"])]
    assert any("did you mean 'county'?" in t for t in english)
