"""Write the ILLUSTRATIVE actual values for Guilin shipped in examples/.

The numbers are invented to show how pubsvc reads a spreadsheet and judges progress; they are
NOT statistics of Guilin. Run: python examples/make_guilin_actuals.py
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
LABEL = "示例数据（虚构，非真实统计） / ILLUSTRATIVE DATA — invented, not real statistics"

# (indicator: catalog id or Chinese name, {year: value})
ROWS = [
    ("childcare_places_per_1000", {2021: "2.0", 2022: "2.6", 2023: "3.1"}),
    ("学前教育毛入园率", {2021: "99.8", 2022: "100.1", 2023: "100.3"}),
    ("compulsory_education_retention", {2021: "101.5", 2022: "102.0", 2023: "102.2"}),
    (
        "subsidised_vocational_training",
        {2021: "2.1", 2022: "1.8", 2023: "2.4"},
    ),  # yearly; the target is a five-year total
    ("人均预期寿命", {2022: "79.0"}),
    ("physicians_per_1000", {2021: "2.95", 2022: "2.97", 2023: "2.98"}),
    ("medical_insurance_coverage", {2021: "97.2", 2022: "96.8", 2023: "≥96"}),
    ("nursing_beds_share", {2021: "48", 2022: "50", 2023: "52"}),
    ("pension_insurance_coverage", {2021: "97.5", 2022: "97.8", 2023: "98.1"}),
    ("sports_area_per_capita", {2021: "1.98", 2022: "2.05", 2023: "2.12"}),
    ("community_service_area_per_100_households", {2021: "19.5", 2022: "20", 2023: "20.4"}),
    ("public_culture_visits_per_10000", {2021: "0.95", 2022: "1.05", 2023: "1.08"}),
    ("orphan_support_coverage", {2022: "应保尽保"}),
]


def write_xlsx(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "actuals"
    sheet.append(["indicator", "year", "value", "note"])
    for indicator, values in ROWS:
        for year, value in values.items():
            sheet.append([indicator, year, float(value) if _is_number(value) else value, "示例数据，非真实统计"])
    about = book.create_sheet("说明 README")
    about["A1"] = LABEL
    about["A1"].font = Font(bold=True, color="C00000")
    about["A2"] = "pubsvc check guilin --actuals examples/guilin-actuals-illustrative.xlsx"
    book.save(path)


def write_csv(path: Path) -> None:
    years = sorted({year for _, values in ROWS for year in values})
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["指标", *[f"{year}年" for year in years]])  # the wide form, with Chinese headers
        for indicator, values in ROWS:
            writer.writerow([indicator, *[values.get(year, "") for year in years]])


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


if __name__ == "__main__":
    write_xlsx(HERE / "guilin-actuals-illustrative.xlsx")
    write_csv(HERE / "guilin-actuals-illustrative.csv")
    print("wrote", HERE / "guilin-actuals-illustrative.xlsx", "and .csv —", LABEL)
