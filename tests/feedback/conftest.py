from __future__ import annotations

from collections.abc import Iterator

import pytest

from procure.matching.service import forget_index


@pytest.fixture(autouse=True)
def _fresh_index() -> Iterator[None]:
    forget_index()  # tables are truncated between tests: never reuse a cached index
    yield
    forget_index()
