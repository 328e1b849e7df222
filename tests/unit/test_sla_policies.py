"""SLA policies as an integrator writes them: a TOML file of ordered rules, read strictly."""

from pathlib import Path

import pytest

from domain.kernel.model import Kind
from domain.sla.model import Metric, Target, select_policy
from domain.sla.policies import PolicyError, fingerprint, parse_policies, parse_target

EXAMPLE = Path(__file__).parents[2] / "sla_policies.example.toml"


@pytest.mark.parametrize(("text", "expected"), [
    ("4h", Target(240)),
    ("1.5h", Target(90)),
    ("1,5h", Target(90)),
    ("30m", Target(30)),
    ("24h calendar", Target(1440, working=False)),
    ("8h working", Target(480)),
    (" 2 H Calendar ", Target(120, working=False)),
    (4, Target(240)),
    (0.5, Target(30)),
])
def test_a_duration_is_working_hours_unless_it_says_calendar(text, expected):
    assert parse_target(text) == expected


@pytest.mark.parametrize("text", ["0h", "-1h", "4", "4x", "h", "4 days", "", True, None, []])
def test_a_duration_that_is_not_positive_hours_or_minutes_is_refused(text):
    with pytest.raises(ValueError):
        parse_target(text)


def test_the_example_file_reads_as_ordered_rules_and_the_first_match_applies():
    policies = parse_policies(EXAMPLE.read_text(encoding="utf-8"))
    assert [p.name for p in policies] == ["VIP technical", "VIP", "Technical", "Everything else"]
    vip_tech = policies[0]
    assert vip_tech.targets.resolution == Target(24 * 60, working=False)
    assert vip_tech.targets.progress_update == Target(8 * 60)
    assert select_policy(policies, 2, Kind.TECHNICAL).name == "VIP technical"
    assert select_policy(policies, 5, Kind.MANAGERIAL).name == "VIP"
    assert select_policy(policies, 0, Kind.TECHNICAL).name == "Technical"
    assert select_policy(policies, 1, Kind.STRATEGIC).name == "Everything else"
    assert policies[1].targets.for_metric(Metric.RESOLUTION) is None


RULE = '[[policy]]\nname = "VIP"\n'


@pytest.mark.parametrize(("text", "message"), [
    ("[[policy]\nname=1", "rules.toml: not valid TOML"),
    ("", "rules.toml: no rules"),
    ("[other]\nx = 1\n", "rules.toml: unknown section 'other'"),
    ('[[policy]]\nfirst_reaction = "4h"\n', "rules.toml: rule 1: needs a name"),
    (RULE, "rules.toml: rule 1 (VIP): sets no target"),
    (RULE + 'first_reaction = "4x"\n',
     "rules.toml: rule 1 (VIP): first_reaction = '4x' is not a positive duration"),
    (RULE + 'resolution = "0h"\n',
     "rules.toml: rule 1 (VIP): resolution = '0h' is not a positive duration"),
    (RULE + 'first_reaction = "4h"\nkinds = ["urgent"]\n',
     "rules.toml: rule 1 (VIP): unknown kind 'urgent'"),
    (RULE + 'first_reaction = "4h"\nkinds = "technical"\n',
     "rules.toml: rule 1 (VIP): kinds must be a list"),
    (RULE + 'first_reaction = "4h"\nmin_priority = -1\n',
     "rules.toml: rule 1 (VIP): min_priority must be a whole number"),
    (RULE + 'first_reaction = "4h"\nmin_priority = "high"\n',
     "rules.toml: rule 1 (VIP): min_priority must be a whole number"),
    (RULE + 'first_reactoin = "4h"\n', "rules.toml: rule 1 (VIP): unknown field 'first_reactoin'"),
    (RULE + 'first_reaction = "4h"\n' + '[[policy]]\nname = "x"\nnext_reply = "2q"\n',
     "rules.toml: rule 2 (x): next_reply = '2q'"),
    (RULE + 'first_reaction = "4h"\n' + RULE + 'first_reaction = "2h"\n',
     "rules.toml: two rules are named 'VIP'"),
])
def test_every_mistake_in_a_policy_file_is_one_line_naming_the_rule_and_field(text, message):
    with pytest.raises(PolicyError) as caught:
        parse_policies(text, "rules.toml")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_the_fingerprint_changes_with_any_target_and_only_then():
    base = parse_policies(RULE + 'first_reaction = "4h"\n')
    same = parse_policies('# a comment\n' + RULE + 'first_reaction = "240m"\n')
    other = parse_policies(RULE + 'first_reaction = "4h calendar"\n')
    assert fingerprint(base) == fingerprint(same) != fingerprint(other)
    assert 0 <= fingerprint(base) < 2 ** 31
