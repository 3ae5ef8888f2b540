"""``pubsvc list`` and ``pubsvc show``: the shipped (and your own) plans, for a person or a script."""

from __future__ import annotations

import json
from typing import TextIO

from ..messages import Messages
from ..plans import LoadedPlan
from .base import console_width


def plan_row(loaded: LoadedPlan) -> dict:
    meta = loaded.plan.plan
    return {
        "id": meta.id,
        "name": meta.name,
        "level": meta.level.value,
        "region": meta.region,
        "upper": meta.upper,
        "period": meta.period,
        "indicators": len(loaded.plan.indicators),
        "services": len(loaded.plan.services),
        "projects": len(loaded.plan.projects),
        "tasks": len(loaded.plan.tasks),
        "file": loaded.document.file,
    }


def write_plan_list(plans: list[LoadedPlan], broken: list[str], messages: Messages, fmt: str, out: TextIO) -> None:
    rows = [plan_row(p) for p in plans]
    if fmt == "json":
        json.dump({"plans": rows, "unloadable": broken}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    from rich.console import Console
    from rich.table import Table

    m = messages
    table = Table(title=m.text("ui.list.title"), title_justify="left")
    counts = ("indicators", "services", "projects", "tasks")
    for key in ("id", "name", "level", "upper", "period", *counts):
        table.add_column(
            m.text(f"ui.list.{key}"),
            no_wrap=key in ("id", "level", "period"),
            justify="right" if key in counts else "left",
        )
    for row in rows:
        table.add_row(
            row["id"],
            row["name"],
            m.text(f"ui.level.{row['level']}"),
            row["upper"] or "—",
            row["period"],
            *(str(row[key]) for key in counts),
        )
    console = Console(file=out, width=console_width(out, 160), highlight=False, markup=False)
    console.print(table)
    for file in broken:
        console.print(m.text("ui.list.unloadable", file=file), style="yellow")


def write_plan(loaded: LoadedPlan, messages: Messages, fmt: str, out: TextIO) -> None:
    plan = loaded.plan
    indicators = [
        {
            "index": row.index + 1,
            "id": row.entry.id if row.entry else row.indicator.id,
            "name": row.indicator.name,
            "category": row.indicator.category,
            "unit": row.indicator.unit,
            "baseline": row.indicator.baseline.text or None,
            "target": row.indicator.target.text or None,
            "year": row.indicator.year or plan.plan.target_year,
            "nature": row.indicator.nature.value if row.indicator.nature else None,
            "stated_in": row.indicator.stated_in.value,
            "task": row.indicator.task,
            "inferred": row.indicator.inferred,
            "statements": len(row.indicator.statements),
            "actuals": {str(a.year): a.value.text for a in row.indicator.actuals},
            "source": " ".join(str(p) for p in (row.indicator.source.section, row.indicator.source.row) if p),
        }
        for row in loaded.rows
    ]
    if fmt == "json":
        json.dump(
            {
                "plan": plan_row(loaded),
                "indicators": indicators,
                "tasks": [t.model_dump(mode="json", exclude={"source"}) for t in plan.tasks],
            },
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
        return
    from rich.console import Console
    from rich.table import Table

    m = messages
    meta = plan.plan
    console = Console(file=out, width=console_width(out, 180), highlight=False, markup=False)
    console.print(
        m.text("ui.plan_header", name=meta.name, id=meta.id, level=m.text(f"ui.level.{meta.level.value}")), style="bold"
    )
    console.print(
        m.text(
            "ui.show.meta",
            period=meta.period,
            base_year=meta.base_year,
            upper=meta.upper or meta.upper_name or "—",
            file=loaded.document.file,
        ),
        style="dim",
    )
    if meta.note:
        console.print(meta.note, style="dim")
    table = Table(show_lines=False)
    columns = ["#", "name", "unit", "baseline", "target", "nature", "source"]
    has_actuals = any(i["actuals"] for i in indicators)
    if has_actuals:
        columns.insert(5, "actuals")
    for key in columns:
        table.add_column(
            m.text(f"ui.show.{key}") if key != "#" else "#", overflow="fold", justify="right" if key == "#" else "left"
        )
    for ind in indicators:
        nature = ind["nature"] or "—"
        if ind["stated_in"] != "table":
            nature = f"{nature} ({m.text('ui.show.' + ind['stated_in'])})"
        mark = {field: "*" if field in ind["inferred"] else "" for field in ("baseline", "target")}
        cells = {
            "#": str(ind["index"]),
            "name": ind["name"],
            "unit": ind["unit"],
            "baseline": (ind["baseline"] or "—") + mark["baseline"],
            "target": (ind["target"] or "—")
            + mark["target"]
            + (f" ({ind['year']})" if ind["year"] != meta.target_year else ""),
            "actuals": "；".join(f"{y}: {v}" for y, v in ind["actuals"].items()),
            "nature": nature,
            "source": ind["source"] + (f" · {m.text('ui.show.task')} {ind['task']}" if ind["task"] else ""),
        }
        table.add_row(*(cells[c] for c in columns))
    console.print(table)
    if any(i["inferred"] for i in indicators):
        console.print(m.text("ui.show.inferred"), style="dim")
    if plan.tasks:
        console.print(m.text("ui.show.tasks", count=len(plan.tasks)), style="dim")
