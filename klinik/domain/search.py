"""The text a client is found by: its names, products, places, NIB and phone as people type
them (0812… as well as +62 812…), lower case, in one indexed column."""

from __future__ import annotations

from typing import Any


def build_search_text(client: Any) -> str:
    parts = [
        client.business_name,
        client.owner_name,
        client.products,
        client.sector,
        client.kecamatan,
        client.kelurahan,
        client.association,
        client.nib or "",
        (client.phone or "").lstrip("+"),
        # People type phones as they know them: 0812… as well as +62 812….
        ("0" + client.phone[3:]) if (client.phone or "").startswith("+62") else "",
    ]
    return " ".join(p for p in parts if p).lower()
