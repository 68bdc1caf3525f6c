"""A figure between two countries is placed where naturalearth puts their border's middle, whether the
pair's lines are read from the cache without importing the Natural Earth package or computed."""

from __future__ import annotations

import pytest

from geomap import naturalearth, tables


@pytest.mark.parametrize(("a", "b"), [("CN", "RU"), ("FI", "RU"), ("PL", "BY"), ("RU", "CN")])
def test_border_midpoint_from_the_cache_is_naturalearths(a: str, b: str) -> None:
    naturalearth.border_midpoint(a, b)  # computes and caches the pair's lines when no run has yet
    assert tables._cached_border_file(a, b) == naturalearth._cache_file(a, b)
    tables._border_midpoint.cache_clear()
    assert tables._border_midpoint(a, b) == naturalearth.border_midpoint(a, b)


def test_border_midpoint_of_countries_without_a_border_is_none() -> None:
    tables._border_midpoint.cache_clear()
    assert tables._border_midpoint("FR", "JP") is None


def test_countries_far_apart_are_cached_as_sharing_no_border() -> None:
    naturalearth.border_midpoint("CN", "PL")  # boxes apart: no shapes unioned, and the answer kept
    tables._border_midpoint.cache_clear()
    assert tables._cached_border_file("CN", "PL").exists()
    assert tables._border_midpoint("CN", "PL") is None
