"""Addresses as documents write them: Kab./Kota named, parts prefixed once."""

from klinik.domain.places import full_address, kabupaten_title


def test_a_kabupaten_is_named_kab_and_a_city_kota():
    assert kabupaten_title("Pulang Pisau") == "Kab. Pulang Pisau"
    assert kabupaten_title("Kota Palangka Raya") == "Kota Palangka Raya"
    assert kabupaten_title("Kabupaten Kapuas") == "Kabupaten Kapuas"
    assert kabupaten_title("") == ""


def test_a_full_address_prefixes_each_part_once():
    assert full_address(
        "Jl. Cilik Riwut No. 57", "Tumbang Nusa", "Jabiren Raya", "Pulang Pisau"
    ) == ("Jl. Cilik Riwut No. 57, Kel./Desa Tumbang Nusa, Kec. Jabiren Raya, Kab. Pulang Pisau")
    assert full_address("", "Desa Pahandut", "Kec. Pahandut", "Kota Palangka Raya") == (
        "Desa Pahandut, Kec. Pahandut, Kota Palangka Raya"
    )
    assert full_address(None) == ""
