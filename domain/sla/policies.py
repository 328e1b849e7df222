"""SLA policies as an integrator writes them: an ordered list of rules in a small TOML file.

    # The first rule that matches a ticket applies; put the narrow ones first.
    [[policy]]
    name = "VIP"
    min_priority = 2              # clients with priority 2 or higher (0 when omitted)
    kinds = ["technical"]         # omitted: any kind of request
    first_reaction = "1h"         # working hours; "30m" for minutes
    next_reply = "2h"
    progress_update = "16h"       # a long ticket owes the client a word every 2 working days
    resolution = "72h calendar"   # "calendar": plain hours, nights and weekends included

Every mistake is one line naming the file, the rule and the field, so a non-programmer can fix
it; nothing is guessed. Pure: parsing text, no file system.
"""

from __future__ import annotations

import re
import tomllib
import zlib
from collections.abc import Sequence

from domain.kernel.model import Kind
from domain.sla.model import Metric, SlaPolicy, SlaTargets, Target

FIELDS = frozenset({"name", "min_priority", "kinds", *(m.value for m in Metric)})


_DURATION = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(h|m)\s*(calendar|working)?\s*$", re.I)


EXAMPLE = '"4h", "30m" or "24h calendar"'


class PolicyError(ValueError):
    """A policy file that cannot be used, told in one line."""


def parse_target(value: object) -> Target:
    """'4h' -> 4 working hours; '30m'; '24h calendar' -> plain hours; a bare number is hours."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        minutes, working = round(value * 60), True
    elif isinstance(value, str) and (match := _DURATION.match(value)):
        amount = float(match[1].replace(",", "."))
        minutes = round(amount * 60) if match[2].lower() == "h" else round(amount)
        working = (match[3] or "working").lower() == "working"
    else:
        raise ValueError
    return Target(minutes, working)  # ValueError unless positive


def format_target(target: Target | None) -> str:
    if target is None:
        return "-"
    amount = (f"{target.minutes // 60}h" if target.minutes % 60 == 0
              else f"{target.minutes}m")
    return amount if target.working else f"{amount} calendar"


def parse_policies(text: str, source: str = "SLA policies") -> tuple[SlaPolicy, ...]:
    """The ordered rules of a policy file; `PolicyError` (one line) for anything wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{source}: not valid TOML: {exc}") from None
    extra = sorted(set(data) - {"policy"})
    if extra:
        raise PolicyError(f"{source}: unknown section {extra[0]!r} (expected [[policy]] rules)")
    rules = data.get("policy")
    if not isinstance(rules, list) or not rules:
        raise PolicyError(f"{source}: no rules; add at least one [[policy]] with a name and "
                          "a target, e.g. first_reaction = \"4h\"")
    policies: list[SlaPolicy] = []
    for number, rule in enumerate(rules, start=1):
        policies.append(_rule(rule, f"{source}: rule {number}"))
    names = [p.name for p in policies]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate is not None:
        raise PolicyError(f"{source}: two rules are named {duplicate!r}; names must differ")
    return tuple(policies)


def _rule(rule: object, where: str) -> SlaPolicy:
    if not isinstance(rule, dict):
        raise PolicyError(f"{where}: expected a [[policy]] table")
    name = rule.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 64:
        raise PolicyError(f"{where}: needs a name (text, up to 64 characters)")
    where = f"{where} ({name})"
    unknown = sorted(set(rule) - FIELDS)
    if unknown:
        raise PolicyError(f"{where}: unknown field {unknown[0]!r}; fields are "
                          + ", ".join(sorted(FIELDS)))
    priority = rule.get("min_priority", 0)
    if isinstance(priority, bool) or not isinstance(priority, int) or priority < 0:
        raise PolicyError(f"{where}: min_priority must be a whole number, 0 or more "
                          f"(got {priority!r})")
    kinds = rule.get("kinds")
    if kinds is not None:
        valid = [k.value for k in Kind]
        if not isinstance(kinds, list) or not kinds:
            raise PolicyError(f"{where}: kinds must be a list such as [\"technical\"]; "
                              "leave it out for any kind")
        for kind in kinds:
            if kind not in valid:
                raise PolicyError(f"{where}: unknown kind {kind!r}; kinds are "
                                  + ", ".join(valid))
    targets: dict[str, Target] = {}
    for metric in Metric:
        if metric.value in rule:
            try:
                targets[metric.value] = parse_target(rule[metric.value])
            except ValueError:
                raise PolicyError(f"{where}: {metric.value} = {rule[metric.value]!r} is not a "
                                  f"positive duration (use e.g. {EXAMPLE})") from None
    if not targets:
        raise PolicyError(f"{where}: sets no target; give at least one of "
                          + ", ".join(m.value for m in Metric))
    return SlaPolicy(name.strip(), SlaTargets(**targets), priority,
                     None if kinds is None else frozenset(Kind(k) for k in kinds))


def fingerprint(policies: Sequence[SlaPolicy]) -> int:
    """A stable number that changes when the rules change (31 bits: fits any integer column)."""
    text = repr([(p.name, p.min_priority, sorted(p.kinds) if p.kinds else None,
                  [(m.value, format_target(p.targets.for_metric(m))) for m in Metric])
                 for p in policies])
    return zlib.crc32(text.encode()) & 0x7FFFFFFF


def describe(policies: Sequence[SlaPolicy]) -> list[str]:
    """One line per rule, in order, as `chatdesk sla policies` prints them."""
    lines = []
    for number, p in enumerate(policies, start=1):
        kinds = ",".join(sorted(p.kinds)) if p.kinds else "any"
        targets = "  ".join(f"{m.value}={format_target(p.targets.for_metric(m))}"
                            for m in Metric)
        lines.append(f"{number}. {p.name}: priority>={p.min_priority} kinds={kinds}  {targets}")
    return lines
