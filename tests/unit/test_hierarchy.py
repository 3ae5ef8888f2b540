"""The plans of a run as one graph: which file an id means, each file read once, findings kept."""

from __future__ import annotations

import json
import os

import pytest

from conftest import indicator, plan_data, run_check, write_yaml
from pubsvc_cli import hierarchy, plans
from pubsvc_cli.checker import check
from pubsvc_cli.hierarchy import Hierarchy, all_plan_files, plan_files_in
from pubsvc_cli.loading import peek_plan_id
from pubsvc_cli.repository import Repository
from pubsvc_cli.tracking import ProgressOptions

RATE = "medical_insurance_coverage"


def _family(folder, cities=3, counties_per_city=2, names=lambda plan_id: plan_id):
    """A province with cities and counties, files named by ``names(id)``."""
    paths = [
        write_yaml(folder / f"{names('prov')}.yaml", plan_data("prov", [indicator(RATE, 95, 96)], level="province"))
    ]
    for c in range(cities):
        city = f"city{c}"
        paths.append(
            write_yaml(folder / f"{names(city)}.yaml", plan_data(city, [indicator(RATE, 95, 97)], upper="prov"))
        )
        for k in range(counties_per_city):
            county = f"{city}-county{k}"
            data = plan_data(county, [indicator(RATE, 95, 97)], upper=city, level="county")
            paths.append(write_yaml(folder / f"{names(county)}.yaml", data))
    return paths


@pytest.fixture
def count_loads(monkeypatch):
    """How many times each file is read and validated as a plan."""
    loads: dict[str, int] = {}
    real = plans.load_plan

    def counting(path, catalog, file=None):
        loads[path.name] = loads.get(path.name, 0) + 1
        return real(path, catalog, file)

    monkeypatch.setattr(hierarchy, "load_plan", counting)
    return loads


def test_peek_reads_the_plan_id_from_the_top_of_a_file(tmp_path):
    path = write_yaml(tmp_path / "a.yaml", {"note": {"deep": [1, {"x": 2}]}, "plan": {"name": "n", "id": "abc"}})
    assert peek_plan_id(path) == "abc"
    (tmp_path / "b.yaml").write_text("plan: [\n", encoding="utf-8")
    assert peek_plan_id(tmp_path / "b.yaml") is None  # broken: not the plan while searching
    (tmp_path / "c.yaml").write_text("- - - - -\n" * 3, encoding="utf-8")
    assert peek_plan_id(tmp_path / "c.yaml") is None


def test_every_file_of_a_batch_is_read_once_and_each_upper_plan_is_shared(tmp_path, count_loads):
    paths = _family(tmp_path)
    result = run_check(*paths)
    assert len(result.plans) == len(paths) == 10
    assert set(count_loads.values()) == {1}, count_loads


def test_an_upper_plan_outside_the_run_is_read_once_for_all_its_lower_plans(tmp_path, count_loads):
    paths = _family(tmp_path)
    counties = [p for p in paths if "county" in p.name]
    run_check(*counties)
    assert count_loads["prov.yaml"] == 1 and count_loads["city0.yaml"] == 1


def test_files_named_by_place_are_found_by_their_id_and_read_once(tmp_path, count_loads):
    paths = _family(tmp_path, names=lambda plan_id: f"规划-{plan_id}")
    result = run_check(paths[-1])  # one county: its city and province are found by id
    assert [plan for plan, _file in result.plans[0].ancestors] == ["city2", "prov"]
    assert sum(count_loads.values()) == 3


def test_a_plan_beside_the_file_shadows_a_shipped_plan_with_the_same_id(tmp_path, cli):
    write_yaml(tmp_path / "全国.yaml", plan_data("national", [indicator(RATE, 95, 99)], level="national"))
    write_yaml(
        tmp_path / "广西.yaml", plan_data("guangxi", [indicator(RATE, 95, 96)], upper="national", level="province")
    )
    report = json.loads(cli("check", "广西.yaml", "-f", "json", cwd=tmp_path).stdout)
    assert report["plans"][0]["ancestors"] == [{"id": "national", "file": "全国.yaml"}]
    weaker = [f for f in report["findings"] if f["rule"] == "PS303"]
    assert weaker and weaker[0]["related"][0]["file"] == "全国.yaml"


def test_a_plan_of_the_run_is_the_upper_plan_its_id_means(tmp_path):
    elsewhere = write_yaml(
        tmp_path / "mine" / "n.yaml", plan_data("national", [indicator(RATE, 95, 99)], level="national")
    )
    province = write_yaml(
        tmp_path / "p" / "p.yaml", plan_data("p", [indicator(RATE, 95, 96)], upper="national", level="province")
    )
    result = run_check(province, elsewhere)
    assert result.plans[0].ancestors[0][1].endswith("n.yaml")
    assert [f.rule for f in result.findings if f.plan == "p" and f.rule == "PS303"] == ["PS303"]


def test_all_plan_files_lets_a_data_dir_id_hide_the_shipped_one(tmp_path):
    write_yaml(tmp_path / "plans" / "my-national.yaml", plan_data("national", level="national"))
    write_yaml(tmp_path / "plans" / "actuals.yaml", {"plan": "guilin", "actuals": []})  # not a plan
    files = all_plan_files(Repository([tmp_path]))
    names = [p.name for p in files]
    assert "my-national.yaml" in names and "national.yaml" not in names and "actuals.yaml" not in names
    assert "guilin.yaml" in names


def test_a_folder_is_its_plan_files_and_not_its_standards_or_tables(tmp_path):
    _family(tmp_path / "plans", cities=1, counties_per_city=1)
    write_yaml(tmp_path / "standards" / "indicators.yaml", {"catalog": {"version": "x"}, "indicators": []})
    (tmp_path / "actuals.csv").write_text("indicator,year,value\n", encoding="utf-8")
    assert [p.name for p in plan_files_in(tmp_path)] == ["city0-county0.yaml", "city0.yaml", "prov.yaml"]


def test_an_unknown_upper_id_suggests_the_ids_the_run_can_see(tmp_path):
    write_yaml(tmp_path / "x.yaml", plan_data("guangxi-x", level="province"))
    path = write_yaml(tmp_path / "c.yaml", plan_data("c", upper="guangxi-y"))
    result = run_check(path)
    finding = next(f for f in result.findings if f.rule == "PS301")
    assert "guangxi-x" in finding.args["suggestions"]


def test_a_second_plan_keeps_its_own_finding_on_a_shared_csv_cell(tmp_path):
    """A table without a plan column serves every plan: each plan's PS114 on the same cell is kept."""
    a = write_yaml(tmp_path / "a.yaml", plan_data("a", [indicator(RATE, 95, 97)]))
    b = write_yaml(tmp_path / "b.yaml", plan_data("b", [indicator(RATE, 95, 97)]))
    table = tmp_path / "actuals.csv"
    table.write_text("indicator,year,value\nchildcare_places_per_1000,2022,2.0\n", encoding="utf-8")
    result = check([a, b], Repository(), ProgressOptions(actuals=[table]))
    assert sorted(f.plan for f in result.findings if f.rule == "PS114") == ["a", "b"]


def test_hierarchy_resolves_an_id_to_the_first_folder_that_has_it(tmp_path):
    first = write_yaml(tmp_path / "one" / "renamed.yaml", plan_data("guangxi", level="province"))
    repository = Repository([tmp_path / "one"])
    assert Hierarchy(repository, None).resolve("guangxi") == first
    assert Hierarchy(repository, None).resolve("guilin").name == "guilin.yaml"  # the shipped one


def test_the_result_is_the_same_whatever_the_number_of_processes(tmp_path):
    paths = _family(tmp_path, cities=9, counties_per_city=7)  # 73 plans: over the parallel threshold
    table = tmp_path / "actuals.csv"
    rows = ["plan,indicator,year,value"] + [f"city{c}-county{k},{RATE},2022,96" for c in range(9) for k in range(7)]
    table.write_text("\n".join(rows) + "\nnowhere,medical_insurance_coverage,2022,96\n", encoding="utf-8")
    options = ProgressOptions(actuals=[table])
    one, two = (check(paths, Repository(), options, jobs=jobs) for jobs in (1, 2))
    assert len(one.plans) == 73 and len(one.progress) == 63
    assert [f.rule for f in one.findings].count("PS116") == 1
    assert repr(one.findings) == repr(two.findings)
    assert one.plans == two.plans and repr(one.progress) == repr(two.progress)


def test_of_two_files_with_one_id_the_same_wins_however_the_run_is_made(tmp_path):
    """The file named <id>.yaml, else the first by path: checking one plan or its whole folder
    gives the same upper plan, so the same verdict."""
    write_yaml(tmp_path / "prov.yaml", plan_data("prov", [indicator(RATE, 95, 96)], level="province"))
    write_yaml(tmp_path / "aaa.yaml", plan_data("prov", [indicator(RATE, 95, 99)], level="province"))
    city = write_yaml(tmp_path / "city.yaml", plan_data("city", [indicator(RATE, 95, 97)], upper="prov"))
    alone = run_check(city)
    together = run_check(*sorted(tmp_path.glob("*.yaml")))
    upper_file = {r.plans[[p.id for p in r.plans].index("city")].ancestors[0][1] for r in (alone, together)}
    assert len(upper_file) == 1 and upper_file.pop().endswith("prov.yaml")
    assert "PS117" in [f.rule for f in together.findings]


def test_a_plan_name_on_the_command_line_means_your_plan_before_the_shipped_one(tmp_path):
    mine = write_yaml(tmp_path / "plans" / "mine.yaml", plan_data("guilin"))
    assert Repository([tmp_path]).find_plan("guilin") == mine
    assert Repository().find_plan("guilin").name == "guilin.yaml"


def test_an_upper_id_that_is_a_path_is_not_followed(tmp_path):
    write_yaml(tmp_path / "other" / "prov.yaml", plan_data("prov", level="province"))
    city = write_yaml(tmp_path / "here" / "city.yaml", plan_data("city", upper="../other/prov"))
    result = run_check(city)
    assert [f.args.get("variant") for f in result.findings if f.rule == "PS301"] != ["invalid"]
    assert "PS301" in [f.rule for f in result.findings] and result.plans[0].ancestors == ()


def test_peek_steps_over_a_complex_key(tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text("? [a, b]\n: {c: 1}\nplan: {id: found}\n", encoding="utf-8")
    assert peek_plan_id(path) == "found"


def test_a_peeked_id_follows_the_file_when_it_changes(tmp_path):
    path = write_yaml(tmp_path / "p.yaml", plan_data("first"))
    assert peek_plan_id(path) == peek_plan_id(path) == "first"
    write_yaml(path, plan_data("second-id"))
    assert peek_plan_id(path) == "second-id"


def test_peek_reads_the_id_in_every_encoding_a_plan_file_may_have(tmp_path):
    text = "# 桂林\nplan:\n  id: guilin\n  name: 桂林市\n"
    for name, raw in {
        "utf8.yaml": text.encode("utf-8"),
        "bom.yaml": text.encode("utf-8-sig"),
        "utf16.yaml": text.encode("utf-16"),  # with its byte-order mark
    }.items():
        (tmp_path / name).write_bytes(raw)
        assert peek_plan_id(tmp_path / name) == "guilin", name
    (tmp_path / "utf16-no-mark.yaml").write_bytes(text.encode("utf-16-le"))
    assert peek_plan_id(tmp_path / "utf16-no-mark.yaml") is None
    (tmp_path / "nul.yaml").write_bytes(text.encode() + b"notes: \0\n")
    assert peek_plan_id(tmp_path / "nul.yaml") is None  # not text: never taken for a plan


def test_a_file_with_a_bad_byte_anywhere_is_not_taken_for_a_plan_while_searching(tmp_path):
    # The parser reads only the top of the file, but the whole file must decode, as when it is read.
    (tmp_path / "prov.yaml").write_bytes(b"plan:\n  id: prov\n  name: p\nnotes: " + b"x" * 100_000 + b"\xff\n")
    assert peek_plan_id(tmp_path / "prov.yaml") is None


def test_a_hard_link_is_a_file_of_its_own_name_as_a_copy_would_be(tmp_path):
    # Files are told apart by their resolved paths: a symbolic link is the file it points at, a
    # hard link (another name for the same content) is a file of its own, reported by its name.
    (tmp_path / "A").mkdir()
    (tmp_path / "B").mkdir()
    write_yaml(tmp_path / "A" / "prov.yaml", plan_data("prov", [indicator(RATE, 95, 96)], level="province"))
    os.link(tmp_path / "A" / "prov.yaml", tmp_path / "B" / "prov.yaml")
    for folder in "AB":
        write_yaml(
            tmp_path / folder / "c.yaml", plan_data(f"c{folder.lower()}", [indicator(RATE, 95, 90)], upper="prov")
        )
    result = check([tmp_path / "A" / "c.yaml", tmp_path / "B" / "c.yaml"], Repository(), ProgressOptions(), jobs=1)
    gaps = {f.plan: f.related[0].file for f in result.findings if f.rule == "PS303"}
    assert gaps["ca"].endswith("A/prov.yaml") and gaps["cb"].endswith("B/prov.yaml")
    both = check([tmp_path / "A" / "prov.yaml", tmp_path / "B" / "prov.yaml"], Repository(), ProgressOptions())
    assert [p.id for p in both.plans] == ["prov", "prov"] and "PS117" in {f.rule for f in both.findings}
