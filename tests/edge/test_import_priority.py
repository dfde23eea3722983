"""Import batches run at a lower CPU priority than the web workers, in a thread of their own.

On the 2-core production machine the import's batches competed with the shortlists at equal
priority. The scheduler's job (and `procure import run-pending`) run them in a dedicated
thread niced by IMPORT_NICE; the caller's own priority is left as it was (Linux: nice is per
thread), so the scheduler's other jobs keep theirs.
"""

from __future__ import annotations

import os
import sys

import pytest

from procure.extensions import db
from procure.imports import jobs, services
from procure.imports.models import ImportJob, JobStatus
from tests.suppliers.helpers import csv_text, supplier_row

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="nice values are per thread on Linux only"
)


def test_the_import_job_runs_niced_in_its_own_thread_and_leaves_the_caller_as_it_was(app_ctx):
    before = os.nice(0)
    expected = min(before + jobs.IMPORT_NICE, 19)
    assert jobs.run_niced(lambda session: str(os.nice(0))) == str(expected)
    assert os.nice(0) == before

    job = services.create_job(db.session, None, "a.csv", csv_text([supplier_row()]).encode())
    db.session.commit()
    assert jobs.process_imports(db.session) == "imports done=1 failed=0"
    db.session.expire_all()
    assert db.session.get(ImportJob, job.id).status == JobStatus.DONE
    assert os.nice(0) == before
