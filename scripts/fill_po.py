"""Fill a .po catalogue from a JSON {msgid: translation} file: `fill_po.py PO JSON`."""

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main(po_path: str, json_path: str) -> None:
    translations = json.loads(Path(json_path).read_text("utf-8"))
    with open(po_path, "rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if message.id and message.id in translations:
            message.string = translations[message.id]
            message.flags.discard("fuzzy")
    with open(po_path, "wb") as f:
        write_po(f, catalog, width=100)
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"untranslated: {len(missing)}")
    for msgid in missing:
        print(f"  {msgid!r}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
