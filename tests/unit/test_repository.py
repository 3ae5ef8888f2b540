"""Where plans and reference files come from, and that a reference file read again is read anew
when its content changed."""

from conftest import plan_data, write_yaml
from pubsvc_cli.coverage import standard_index
from pubsvc_cli.locations import shipped_data_dir
from pubsvc_cli.repository import Repository

ENTRY = {"id": "local_rate", "name": "本地指标", "unit": "%", "direction": "increase", "kind": "rate"}


def catalog_file(folder, name):
    write_yaml(
        folder / "standards" / "indicators.yaml",
        {"catalog": {"name": "mine", "version": "1"}, "indicators": [{**ENTRY, "name": name}]},
    )


def test_a_data_dir_catalog_adds_entries_and_a_changed_file_is_read_again(tmp_path):
    catalog_file(tmp_path, "本地指标")
    first, findings = Repository([tmp_path]).catalog
    assert findings == [] and first["local_rate"].name == "本地指标" and "life_expectancy" in first
    catalog_file(tmp_path, "本地指标（修订）")  # same path, new content: the cache is keyed by content
    assert Repository([tmp_path]).catalog[0]["local_rate"].name == "本地指标（修订）"


def test_a_broken_data_dir_catalog_is_reported_each_time(tmp_path):
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "indicators.yaml").write_text("catalog: [\n", encoding="utf-8")
    for _ in range(2):
        _catalog, findings = Repository([tmp_path]).catalog
        assert [f.rule for f in findings] == ["PS102"]
        findings[0].waived = True  # a caller changing its copy does not change the next run's
    assert not Repository([tmp_path]).catalog[1][0].waived


def test_a_plan_is_found_by_file_name_or_by_id_and_data_dirs_come_first(tmp_path):
    write_yaml(tmp_path / "plans" / "guilin.yaml", plan_data("guilin"))
    write_yaml(tmp_path / "plans" / "other-name.yaml", plan_data("hezhou"))
    repository = Repository([tmp_path])
    assert repository.find_plan("guilin") == tmp_path / "plans" / "guilin.yaml"  # shadows the shipped one
    assert repository.find_by_id("hezhou") == tmp_path / "plans" / "other-name.yaml"
    assert Repository().find_plan("guilin.yaml") == shipped_data_dir() / "plans" / "guilin.yaml"
    assert repository.find_plan("atlantis") is None


def test_the_standard_is_parsed_once_and_its_index_built_once():
    first, second = Repository().service_standard[0], Repository().service_standard[0]
    assert first is second and standard_index(first) is standard_index(second)
