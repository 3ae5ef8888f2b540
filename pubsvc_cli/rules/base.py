"""What a rule is, the registry of rules, and the context a rule checks.

A rule is declared once, here or by the ``@rule`` decorator: its code, name, default severity,
whether its severity follows the nature (约束性 / 预期性) of an indicator, and the message variants
it uses. Registration checks that every language has the rule's title and messages, so that a
rule cannot ship with a message missing."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..messages import LANGUAGES, Messages
from ..model.enums import Nature
from ..result import Finding, Location, Progress, Severity

if TYPE_CHECKING:  # for annotations only: importing these builds the models
    from ..model import Plan
    from ..plans import LoadedPlan, Resolved

Check = Callable[["PlanContext"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One check with a stable code. ``doc`` (the function's docstring) is its documentation;
    titles and messages in each language live in ``pubsvc_cli.messages``."""

    code: str
    name: str
    severity: Severity  # the default; for a rule ``by_nature``, the severity when the nature is unknown
    doc: str
    check: Check | None = None  # None for problems found while loading, before any rule runs
    by_nature: bool = False  # error for a 约束性 (binding) indicator, warning for a 预期性 one
    variants: tuple[str, ...] = ()  # message variants: ``<code>.message.<variant>`` in every language
    load_failure: bool = False  # the file could not be loaded or validated: the run fails whatever --fail-on

    @property
    def family(self) -> str:
        return self.code[:3] + "xx"

    def severity_for(self, nature: Nature | None) -> Severity:
        """The severity of a finding about an indicator of this nature."""
        if not self.by_nature:
            return self.severity
        return Severity.ERROR if nature is Nature.BINDING else Severity.WARNING


REGISTRY: dict[str, Rule] = {}


def _register(rule: Rule) -> None:
    if rule.code in REGISTRY:
        raise RuntimeError(f"rule code {rule.code} registered twice")
    for lang in LANGUAGES:
        catalog = Messages(lang)
        needed = [f"{rule.code}.title", f"{rule.code}.message", *(f"{rule.code}.message.{v}" for v in rule.variants)]
        if lang != "en":  # the English documentation is the docstring itself
            needed.append(f"{rule.code}.doc")
        missing = [key for key in needed if not catalog.has(key)]
        if missing:
            raise RuntimeError(f"rule {rule.code}: no {lang} message for {', '.join(missing)}")
    REGISTRY[rule.code] = rule


def rule(
    code: str, name: str, severity: Severity, *, by_nature: bool = False, variants: tuple[str, ...] = ()
) -> Callable[[Check], Check]:
    """Register a check function as a rule; its docstring is the rule's documentation."""

    def register(check: Check) -> Check:
        _register(Rule(code, name, severity, inspect.cleandoc(check.__doc__ or ""), check, by_nature, variants))
        return check

    return register


def reported_rule(
    code: str,
    name: str,
    severity: Severity,
    doc: str,
    *,
    by_nature: bool = False,
    variants: tuple[str, ...] = (),
    load_failure: bool = False,
) -> None:
    """Register a rule that another stage reports (the loader, the diff): it has no check function."""
    _register(Rule(code, name, severity, inspect.cleandoc(doc), None, by_nature, variants, load_failure))


def nature_text(nature: Nature | None) -> str:
    """The nature as a message argument; the catalogs translate "unknown"."""
    return nature.value if nature else "unknown"


@dataclass
class PlanContext:
    """Everything a rule may look at for one plan."""

    subject: LoadedPlan
    catalog: Any  # catalog.CatalogIndex
    upper: LoadedPlan | None = None
    upper_problem: str | None = None  # why the upper plan is absent: not_found, invalid, self or cycle
    upper_suggestions: list[str] = field(default_factory=list)  # plan ids close to an upper id not found
    ancestors: list[LoadedPlan] = field(default_factory=list)  # the upper plan, its upper plan, …
    cycle: list[str] = field(default_factory=list)  # the ids of a chain of upper plans that comes back
    progress: list[Progress] = field(default_factory=list)  # assessments of the plan's actual values
    coverage: Any = None  # coverage.Coverage of the plan's service list, when there is a standard
    chains: list[Any] = field(default_factory=list)  # alignment.IndicatorChain: values up to the nation
    ancestor_files: list[tuple[LoadedPlan, str]] = field(default_factory=list)  # each ancestor and its file

    @property
    def plan(self) -> Plan:
        return self.subject.plan

    @property
    def province(self) -> LoadedPlan | None:
        """The province-level plan of this plan's chain (the plan itself, for a province)."""
        chain = [self.subject, *self.ancestors]
        return next((plan for plan in chain if plan.plan.plan.level.value == "province"), None)

    def finding(
        self,
        code: str,
        row: Resolved | None,
        field_name: str | None = None,
        *,
        severity: Severity | None = None,
        severity_follows: Nature | None = None,
        related: list[Location] | None = None,
        location: Location | None = None,
        about: Resolved | None = None,
        **args: Any,
    ) -> Finding:
        """A finding about ``row`` (or the plan when None), located at its ``field_name``.

        ``about`` is the indicator a finding concerns when it is no row of this plan (an upper
        plan's indicator the plan lacks): the finding carries its id and name, so that messages
        name it and a waiver for that indicator applies. The severity is ``severity`` when given,
        else the rule's: for a rule whose severity follows the nature, that of
        ``severity_follows`` (the indicator's, or the upper plan's)."""
        rule = REGISTRY[code]
        variant = args.get("variant")
        if variant is not None and variant not in rule.variants:
            raise ValueError(f"rule {code} declares no message variant {variant!r}")
        if location is None:
            path = row.path + ((field_name,) if field_name else ()) if row else ("plan",)
            location = self.subject.location(path)
        subject_row = row or about
        return Finding(
            rule=code,
            severity=severity or rule.severity_for(severity_follows),
            location=location,
            plan=self.subject.id,
            indicator=subject_row.entry.id if subject_row and subject_row.entry else None,
            indicator_name=subject_row.indicator.name if subject_row else None,
            args=args,
            related=related or [],
        )


def iter_rules() -> Iterator[Rule]:
    return iter(sorted(REGISTRY.values(), key=lambda r: r.code))
