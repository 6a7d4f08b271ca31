"""The rule engine: county profile and national floors evaluated for any period (see registry.evaluate)."""

from . import county, national  # noqa: F401  (registers the rules)
from .base import Finding, Level, Period, Profile, Subject  # noqa: F401
from .registry import RULES, evaluate, next_step, subjects, summarise  # noqa: F401
