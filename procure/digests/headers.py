"""`List-Unsubscribe` as mail clients read it: a plain `<https://...>` list (RFC 2369/8058).

Python's default e-mail policy folds any header longer than 78 characters, and a long URL
with no space in it ends up as RFC 2047 encoded-words (`=?utf-8?q?=3Chttps...`), which
Gmail and others do not read as a link. This policy writes the list headers as they are
(ASCII, on one line, well under the 998-character limit) and folds every other header as
usual."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import EmailPolicy

UNFOLDED = ("list-unsubscribe", "list-unsubscribe-post")


class ListHeadersPolicy(EmailPolicy):
    def _unfolded(self, name: str, value: str) -> str | None:
        if name.lower() in UNFOLDED and str(value).isascii():
            return f"{name}: {value}{self.linesep}"
        return None

    def fold(self, name: str, value: str) -> str:
        return self._unfolded(name, value) or super().fold(name, value)

    def fold_binary(self, name: str, value: str) -> bytes:
        plain = self._unfolded(name, value)
        if plain is not None:
            return plain.encode("ascii")
        return super().fold_binary(name, value)


POLICY = ListHeadersPolicy()


def with_plain_list_headers(msg: EmailMessage) -> EmailMessage:
    """The same message, serialised with the list headers left unfolded."""
    msg.policy = POLICY.clone(linesep=msg.policy.linesep)
    return msg
