import pytest

from shared.errors import InvalidInput
from shared.purity import Metal, Purity, default_catalogue


def test_bis_grades_are_data() -> None:
    catalogue = default_catalogue()
    gold = [p.label for p in catalogue.for_metal("gold")]
    assert gold == ["9K375", "14K585", "18K750", "20K833", "22K916", "23K958", "24K995", "24K999"]
    silver = [p.label for p in catalogue.for_metal(Metal.SILVER)]
    assert silver == ["800", "835", "925", "958", "970", "990", "999"]
    assert [p.label for p in catalogue.for_metal("platinum")] == ["Pt850", "Pt900", "Pt950"]


@pytest.mark.parametrize("text", [916, "916", "22K916", "22k", " 22K916 "])
def test_find_from_what_people_type(text: int | str) -> None:
    assert default_catalogue().find("gold", text).label == "22K916"


def test_unknown_grades_are_refused() -> None:
    catalogue = default_catalogue()
    with pytest.raises(InvalidInput, match="not a BIS grade of gold"):
        catalogue.find("gold", "961")
    with pytest.raises(InvalidInput, match="24K alone is ambiguous"):
        catalogue.find("gold", "24K")
    with pytest.raises(InvalidInput, match="not a metal we sell"):
        catalogue.find("brass", "916")


def test_a_shop_extends_its_catalogue() -> None:
    shop = default_catalogue().with_extra([Purity(Metal.SILVER, 940, None, "shop")])
    assert shop.find("silver", "940").fineness == 940
    assert len(shop) == len(default_catalogue()) + 1
    with pytest.raises(InvalidInput):
        default_catalogue().find("silver", "940")


def test_only_gold_needs_a_huid() -> None:
    catalogue = default_catalogue()
    assert catalogue.find("gold", 916).hallmark_requires_huid
    assert not catalogue.find("silver", 925).hallmark_requires_huid
