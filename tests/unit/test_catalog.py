"""The indicator catalog, looked up by id, by name or by alias, and the suggestions for a name it lacks."""

from pubsvc_cli.catalog import CatalogIndex, suggestion_text
from pubsvc_cli.repository import Repository

CATALOG: CatalogIndex = Repository().catalog[0]


def test_an_entry_is_found_by_id_name_or_alias_with_width_and_spacing_folded():
    assert CATALOG.resolve("life_expectancy").id == "life_expectancy"
    assert CATALOG.resolve("人均预期寿命").id == "life_expectancy"
    assert CATALOG.resolve(" 人均预期寿命 ").id == "life_expectancy"
    assert (
        CATALOG.by_name("每千人口拥有执业（助理）医师数") is CATALOG.by_name("每千人口拥有执业(助理)医师数") is not None
    )
    assert CATALOG.resolve("养老保险参保率").id == "pension_insurance_coverage"  # Sichuan's wording, an alias
    assert CATALOG.resolve("no such thing") is None


def test_an_index_is_a_mapping_of_ids():
    assert len(CATALOG) == len(list(CATALOG)) > 100 and "life_expectancy" in CATALOG
    assert CATALOG.get("nope") is None


def test_suggestions_come_from_names_and_from_ids():
    by_name = CATALOG.suggestions("人均预期寿", None)
    assert by_name[0].id == "life_expectancy"
    by_id = CATALOG.suggestions("", "life_expectancey")
    assert by_id[0].id == "life_expectancy"
    assert len(CATALOG.suggestions("人均预期寿命", "life_expectancy")) <= 3
    assert suggestion_text(by_name[:1]) == "人均预期寿命（life_expectancy）"
    assert suggestion_text([]) == "—"


def test_a_bound_is_outside_the_limits_only_when_all_it_admits_is():
    from decimal import Decimal

    from pubsvc_cli.model.catalog import Limits

    limits = Limits(min=Decimal(0), max=Decimal(100))
    cases = [
        (101, None, "above"),
        (100, ">", "above"),
        (101, ">=", "above"),
        (100, ">=", None),
        (-1, ">", None),
        (-1, None, "below"),
        (0, "<", "below"),
        (0, "<=", None),
        (150, "<", None),
        (50, None, None),
    ]
    assert [limits.breach(Decimal(n), c) for n, c, _ in cases] == [expected for _n, _c, expected in cases]
