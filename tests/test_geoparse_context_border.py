"""A border article's other places weigh a candidate: of several towns of one name, the one on the
border the candidate's country shares with a country the document is about gains."""

import pytest
from geoparse_helpers import border_km, places

from geomap import borders
from geomap.gazetteer import load_gazetteer
from geomap.geoparse import rank_candidates
from geomap.geoparse.resolve import FEATURES, model


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _by_id(ranked):
    return {place.id: (p, why) for place, p, why in ranked}


def test_the_ranker_weighs_nearness_to_a_named_border():
    weights = dict(zip(FEATURES, model()["context_weights"], strict=True))
    assert weights["near_named_border"] > 0


def test_a_village_on_the_border_with_the_neighbour_named_gains_over_its_inland_namesakes(gaz):
    far = _by_id(rank_candidates("Bobrowniki", gaz, near=gaz.get("country:PT")))
    near = _by_id(rank_candidates("Bobrowniki", gaz, near=gaz.get("country:BY")))
    on_border = [pid for pid in near
                 if borders.border_km(gaz.get(pid).lat, gaz.get(pid).lon, "PL", "BY") < 25]
    inland = [pid for pid in near if pid not in on_border]
    assert on_border and inland
    for pid in on_border:
        assert near[pid][0] > far[pid][0]
        assert "near the border with the country of Belarus" in near[pid][1]
    for pid in inland:
        assert "near the border" not in near[pid][1]




def test_a_river_named_beside_a_town_on_its_bank_is_the_river_not_a_namesake_town(gaz):
    found = places(gaz, "A grain barge moored on the Amur opposite Blagoveshchensk on Sunday.")
    assert found["Amur"].kind == "river"


def test_a_town_named_beside_its_neighbour_across_the_line_is_the_border_one(gaz):
    found = places(gaz, "Shoppers from Tijuana crossed on foot into San Ysidro before dawn.")
    ysidro = found["San Ysidro"]
    assert ysidro.country == "US"
    assert border_km(ysidro, "US", "MX") < 30


def test_a_border_village_outweighs_a_larger_inland_namesake_when_the_neighbour_is_named(gaz):
    found = places(gaz, "Lorries queued for a day at Bobrowniki before Polish guards let them "
                         "cross into Belarus.")
    village = found["Bobrowniki"]
    assert village.country == "PL"
    assert border_km(village, "PL", "BY") < 25


def test_without_the_neighbour_the_namesake_the_context_points_to_is_kept(gaz):
    found = places(gaz, "The parish fair in Bobrowniki drew visitors from Katowice.")
    village = found["Bobrowniki"]
    assert border_km(village, "PL", "BY") > 100
    assert village.lat < 51


def test_a_border_post_whose_namesake_lies_far_inland_is_the_one_at_the_border(gaz):
    found = places(gaz, "Since the spring only lorries with Norwegian plates have passed "
                         "Borisoglebsky on the road from Kirkenes to Murmansk.")
    post = found["Borisoglebsky"]
    assert post.country == "RU"
    assert border_km(post, "NO", "RU") < 25


def test_a_country_is_not_read_as_a_village_that_once_bore_its_name(gaz):
    found = places(gaz, "Wine lorries from Moldova entered Ukraine at Palanka.")
    assert found["Moldova"].id == "country:MD"
    assert found["Palanka"].country == "UA"
