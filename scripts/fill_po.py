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
        if isinstance(message.id, tuple):  # ngettext: singular and plural, each in the JSON
            if all(form in translations for form in message.id):
                message.string = tuple(translations[form] for form in message.id)
                message.flags.discard("fuzzy")
        elif message.id and message.id in translations:
            message.string = translations[message.id]
            message.flags.discard("fuzzy")
    with open(po_path, "wb") as f:
        write_po(f, catalog, width=100)
    # A fuzzy entry is pybabel's guess from a neighbouring message: never compiled, so the
    # page shows French. It counts as untranslated until the JSON says otherwise.
    missing = [
        m.id
        for m in catalog
        if m.id
        and ("fuzzy" in m.flags or not (all(m.string) if isinstance(m.id, tuple) else m.string))
    ]
    print(f"untranslated: {len(missing)}")
    for msgid in missing:  # on stderr: `make messages` keeps stdout's first line only
        print(f"  {msgid!r}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
