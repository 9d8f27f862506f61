# SPDX-License-Identifier: EUPL-1.2
"""The disclosure policy: read from configuration, parameters that only protect together, rounding."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.test_disclosure_oracle import policies
from zicht.config import load_settings
from zicht.privacy.disclosure import DisclosurePolicy


def test_policy_defaults_are_threshold_ten_base_five_dominance_ninety_percent_and_width_five() -> None:
    policy = DisclosurePolicy()
    assert (policy.threshold, policy.rounding_base, policy.dominance, policy.zero_is_safe) == (10, 5, 0.9, True)
    assert policy.width == 5
    assert policy.marker == "<10"


def test_policy_comes_from_the_disclosure_settings() -> None:
    settings_ = load_settings(
        {
            "ZICHT_DISCLOSURE_THRESHOLD": "20",
            "ZICHT_DISCLOSURE_ROUNDING_BASE": "10",
            "ZICHT_DISCLOSURE_DOMINANCE": "0.8",
        }
    )
    policy = DisclosurePolicy.from_settings(settings_)
    assert (policy.threshold, policy.rounding_base, policy.dominance) == (20, 10, 0.8)
    assert DisclosurePolicy.from_settings(load_settings({})) == DisclosurePolicy()


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"threshold": 8, "rounding_base": 5}, "multiple of rounding_base"),
        ({"threshold": 2, "rounding_base": 1}, "'<2' would reveal exactly 1"),
        ({"dominance": 0.5}, "dominance"),
        ({"protection_width": 9}, "protection_width"),
        ({"rounding_base": 0}, "rounding_base"),
    ],
)
def test_policy_refuses_parameters_that_do_not_protect_together(kwargs: dict[str, float], reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        DisclosurePolicy(**kwargs)  # type: ignore[arg-type]


@settings(max_examples=50, deadline=None)
@given(policies(), st.integers(0, 500))
def test_rounding_goes_to_the_nearest_multiple_of_the_base_and_its_interval_holds_the_count(
    policy: DisclosurePolicy, value: int
) -> None:
    rounded = policy.round(value)
    base = policy.rounding_base
    assert rounded % base == 0
    assert abs(rounded - value) <= base // 2
    low, high = policy.rounding_interval(rounded)
    assert low <= value <= high
    if rounded > 0:
        assert high - low == base - 1
    if value >= policy.threshold:
        assert rounded >= policy.threshold
