"""The rule registry and the evaluation of every rule for every subject of a period."""

from dataclasses import dataclass

from content.models import PortalHomePage
from subsites.models import Unit

from .base import Finding, Level, Subject, overall_level
from .data import PeriodData

ALL_KINDS = ("township", "street", "department", "portal")
RULES = []


@dataclass(frozen=True)
class Rule:
    id: str
    title: object
    profile: str
    kinds: tuple
    measure: object
    next_step: object  # what a unit does about a finding of this rule (its dashboard's 下一步)


@dataclass
class Outcome:
    threshold: str
    measured: str
    level: str
    items: list

    @classmethod
    def listing(cls, threshold, measured, items):
        """The outcome of a rule that lists what falls short: a warning when anything is listed."""
        return cls(threshold, measured, Level.WARNING if items else Level.OK, items)


def rule(rule_id, title, profile, kinds=ALL_KINDS, *, next_step):
    """Register `measure(data, subject) -> Outcome` as a rule applying to subjects of `kinds`;
    `next_step` tells a unit what to do about a finding of it."""

    def register(measure):
        RULES.append(Rule(rule_id, title, profile, tuple(kinds), measure, next_step))
        return measure

    return register


def next_step(rule_id):
    """The next-step text of a registered rule (None for a rule no longer registered)."""
    return next((registered.next_step for registered in RULES if registered.id == rule_id), None)


def subjects(units=None, include_portal=True, period=None):
    """The portal (unless excluded) and the given units (default: every active unit with a subsite);
    with a period, only units whose subsite went public before it ended (a unit created later has
    nothing to be inspected for)."""
    if units is None:
        units = Unit.objects.filter(active=True, home_page__isnull=False)
    if period is not None and hasattr(units, "filter"):
        units = units.filter(home_page__first_published_at__lt=period.end)
    elif period is not None:
        units = [u for u in units if u.home_page.first_published_at and u.home_page.first_published_at < period.end]
    result = []
    if include_portal:
        home = PortalHomePage.objects.first()
        if home is not None:
            result.append(Subject(None, home.title, "portal", home.path))
    for unit in units.select_related("home_page") if hasattr(units, "select_related") else units:
        result.append(Subject(unit, unit.name, unit.kind, unit.home_page.path))
    return result


def evaluate(period, units=None, include_portal=True, profiles=None):
    """[(subject, [Finding])] for every subject, in subject order (only rules of `profiles` if given)."""
    targets = subjects(units, include_portal, period)
    data = PeriodData(period, targets)
    results = []
    for subject in targets:
        findings = []
        for registered in RULES:
            if subject.kind not in registered.kinds or (profiles and registered.profile not in profiles):
                continue
            outcome = registered.measure(data, subject)
            findings.append(
                Finding(
                    registered.id,
                    str(registered.title),
                    registered.profile,
                    outcome.threshold,
                    outcome.measured,
                    outcome.level,
                    outcome.items,
                )
            )
        results.append((subject, findings))
    return results


def summarise(findings, points_per_warning):
    """(level, vetoes, warnings, score) of one subject's findings; any veto makes the level veto."""
    vetoes = sum(f.level == Level.VETO for f in findings)
    warnings = sum(f.level == Level.WARNING for f in findings)
    return overall_level(f.level for f in findings), vetoes, warnings, max(0, 100 - points_per_warning * warnings)
