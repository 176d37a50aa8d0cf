"""Fill unfinished entries of resources/i18n/klinik_en.ts from a JSON {source: English} file.

python scripts/fill_translation.py new.json && python scripts/update_translations.py
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "resources" / "i18n" / "klinik_en.ts"


def main(argv: list[str]) -> int:
    wanted = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    tree = ET.parse(TS)
    filled = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source")
        if source in wanted and translation.get("type") == "unfinished":
            translation.text = wanted[source]
            del translation.attrib["type"]
            filled += 1
    ET.indent(tree, space="    ")
    with TS.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
    missing = [m.findtext("source") for m in tree.iter("message")
               if m.find("translation").get("type") == "unfinished"]  # fmt: skip
    print(f"filled {filled}; still unfinished: {missing}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
