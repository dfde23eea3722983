"""Input hygiene at the edge: what no view should ever see.

Checked once, before any view runs (so a refused request writes nothing), for every route:
- control characters (NUL, ESC, DEL, C1 controls) and lone surrogates in the path, the query
  string, form fields and JSON strings: 422. Tab, newline and carriage return are allowed in
  form fields and JSON strings (multi-line text), never in the path or a query parameter's name;
- JSON nested deeper than `MAX_JSON_DEPTH`: 400, measured on the raw text before any recursive
  parser sees it (json.loads fails with RecursionError, a 500, near 1,000 levels);
- `page` and `per_page` query parameters beyond `MAX_PAGE` / `MAX_PER_PAGE`: 422 (a page of
  2^63 overflowed the database's OFFSET).

PostgreSQL refuses NUL in text and lone surrogates cannot be encoded: refusing them here is
what turns yesterday's 500s into a clear message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from flask import Flask, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

MAX_JSON_DEPTH = 32
MAX_PAGE = 100_000
MAX_PER_PAGE = 500

# C0 controls but tab, LF, CR; DEL; C1 controls; UTF-16 surrogates (only ever lone in a str).
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_ANY = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
_EMPTY_PAIR = re.compile(rb"\[\]|\{\}")


class InputRefused(HTTPException):
    """A refused input, with the field errors the API reports (flask-smorest's shape:
    `errors.<location>.<field>: [messages]`)."""

    def __init__(self, code: int, message: str, location: str, field: str) -> None:
        self.code = code
        super().__init__(description=message)
        self.data = {"message": message, "messages": {location: {field: [message]}}}


def has_control(text: str, multiline: bool = False) -> bool:
    return bool((_CONTROL_TEXT if multiline else _CONTROL_ANY).search(text))


def json_depth_exceeds(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when the brackets of `raw` (strings left out) nest deeper than `limit`, or never
    close: the innermost empty pairs are removed `limit` times, each pass at C speed."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    brackets = _NOT_BRACKET.sub(b"", _JSON_STRING.sub(b"", raw))
    for _pass in range(limit):
        brackets, removed = _EMPTY_PAIR.subn(b"", brackets)
        if not brackets:
            return False
        if not removed:
            break
    return bool(brackets)


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) of every key and string in a parsed JSON document."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            sub = f"{path}.{key}" if path else str(key)
            yield sub, str(key)
            yield from _strings(item, sub)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}.{i}" if path else str(i))


def _control_message() -> str:
    return _("Caractères de contrôle interdits (octet nul ou autre caractère invisible).")


def _check_pairs(pairs: Iterable[tuple[str, str]], location: str, multiline: bool) -> None:
    for key, value in pairs:
        if has_control(key) or has_control(value, multiline):
            field = _CONTROL_ANY.sub("?", key)
            raise InputRefused(422, _control_message(), location, field)


def _check_pages() -> None:
    for name, limit in (("page", MAX_PAGE), ("per_page", MAX_PER_PAGE)):
        raw = request.args.get(name, "").strip()
        if raw.isascii() and raw.isdigit() and int(raw) > limit:
            message = _("%(name)s doit être compris entre 1 et %(max)d.", name=name, max=limit)
            raise InputRefused(422, message, "query", name)


def _check_json() -> None:
    raw = request.get_data(cache=True)
    if json_depth_exceeds(raw):
        message = _(
            "JSON trop imbriqué : %(max)d niveaux au plus, ou crochets non fermés.",
            max=MAX_JSON_DEPTH,
        )
        raise InputRefused(400, message, "json", "_schema")
    body = request.get_json(silent=True)
    for field, text in _strings(body):
        if has_control(text, multiline=True):
            raise InputRefused(422, _control_message(), "json", field or "_schema")


def check_request() -> None:
    """The before-request hook: raise InputRefused on the first refused input."""
    if has_control(request.path):
        raise InputRefused(422, _control_message(), "path", "path")
    _check_pairs(request.args.items(multi=True), "query", multiline=False)
    _check_pages()
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.is_json:
        _check_json()
    elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        _check_pairs(request.form.items(multi=True), "form", multiline=True)
        for key, upload in request.files.items(multi=True):
            _check_pairs([(key, upload.filename or "")], "files", multiline=False)


def register_hygiene(app: Flask) -> None:
    # First of every before-request hook: CSRF checks and log-in come after.
    app.before_request_funcs.setdefault(None, []).insert(0, check_request)
