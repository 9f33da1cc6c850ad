"""The grammar: every rule, in order of priority, and the compiled form of each.

A rule is a regular expression (compiled case-insensitively; month and weekday names must be
capitalised) and a handler that turns a match into a value, or rejects it. Where matches
overlap, the longest wins; on a tie, the rule earlier in :data:`RULES`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import absolute, clock, durations, periods, relative
from .records import Handler


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: Callable[[], str]  # built on first use: some pieces are words from data files
    handler: Handler


@dataclass(frozen=True, slots=True)
class CompiledRule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler


#: the rules, highest priority first
RULES: tuple[Rule, ...] = (
    Rule("age", absolute.age_pattern, absolute.resolve_age),
    Rule("iso", absolute.iso_pattern, absolute.resolve_iso),
    Rule("month_day", absolute.month_day_pattern, absolute.resolve_month_day),
    Rule("day_month", absolute.day_month_pattern, absolute.resolve_day_month),
    Rule("month_year", absolute.month_year_pattern, absolute.resolve_month_year),
    Rule("month", absolute.month_pattern, absolute.resolve_month),
    Rule("year", absolute.year_pattern, absolute.resolve_year),
    Rule("decade", periods.decade_pattern, periods.resolve_decade),
    Rule("century", periods.century_pattern, periods.resolve_century),
    Rule("season", periods.season_pattern, periods.resolve_season),
    Rule("quarter", periods.quarter_pattern, periods.resolve_quarter),
    Rule("half", periods.half_pattern, periods.resolve_half),
    Rule("period_anaphor", periods.period_anaphor_pattern, periods.resolve_period_anaphor),
    Rule("relative_period", relative.relative_period_pattern, relative.resolve_relative_period),
    Rule("year_end", periods.year_end_pattern, periods.resolve_year_end),
    Rule("weekend", relative.weekend_pattern, relative.resolve_weekend),
    Rule("weekday", relative.weekday_pattern, relative.resolve_weekday),
    Rule("deictic", relative.deictic_pattern, relative.resolve_deictic),
    Rule("that_day", relative.that_day_pattern, relative.resolve_that_day),
    Rule("day_part", relative.day_part_pattern, relative.resolve_day_part),
    Rule("the_period", relative.the_period_pattern, relative.resolve_the_period),
    Rule("clock", clock.clock_pattern, clock.resolve_clock),
    Rule("duration", durations.duration_pattern, durations.resolve_duration),
    Rule("vague_units", durations.vague_units_pattern, durations.resolve_vague_units),
    Rule("refs", relative.refs_pattern, relative.resolve_refs),
    Rule("set", durations.set_pattern, durations.resolve_set),
    Rule("holiday", absolute.holiday_pattern, absolute.resolve_holiday),
)


@functools.cache
def compiled_rules() -> tuple[CompiledRule, ...]:
    """The rules of :data:`RULES`, compiled once, each bounded so it neither starts nor ends
    inside a word ("pre-war" and "post-election" excepted)."""
    rules = []
    for rule in RULES:
        full = rf"(?:(?<![\w-])|(?<=\bpre-)|(?<=\bpost-))(?:{rule.pattern()})(?<![\s,])(?!\w)"
        rules.append(CompiledRule(rule.name, re.compile(full, re.IGNORECASE), rule.handler))
    return tuple(rules)
