"""Web imports run in the background, batch by batch, resumable, with a report."""

from __future__ import annotations

import csv
import io
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from procure.extensions import db
from procure.imports import services
from procure.imports.models import ImportFile, ImportJob, ImportRejection, JobStatus
from procure.suppliers.csvfile import MAX_COLUMNS
from procure.suppliers.models import Supplier, SupplierStatus
from procure.timeutil import utcnow
from tests.conftest import csrf_token, login
from tests.factories import PASSWORD, make_admin, make_siret
from tests.suppliers.helpers import csv_text, supplier_row


class Crash(Exception):
    """Stands for the scheduler process killed between two batches."""


def big_file(n: int, bad_every: int = 500) -> tuple[bytes, int]:
    """n data rows, one in `bad_every` with an unknown département; and the bad count."""
    rows = []
    bad = 0
    for i in range(n):
        if i % bad_every == 7:
            rows.append(supplier_row(siret=make_siret(), name=f"Mauvaise {i}", departments="99"))
            bad += 1
        else:
            rows.append(supplier_row(siret=make_siret(), name=f"Structure {i}"))
    return csv_text(rows).encode(), bad


def upload(client, content: bytes, name: str = "structures.csv"):
    """The multipart body written out: given a dict, the test client would spool a large
    file to a temporary file it never closes."""
    token = csrf_token(client, "/admin/suppliers/import")
    body = (
        (
            f'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--b\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + content
        + b"\r\n--b--\r\n"
    )
    return client.post(
        "/admin/suppliers/import", data=body, content_type="multipart/form-data; boundary=b"
    )


def suppliers() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Supplier.id)))


@pytest.fixture
def facilitator(client, app_ctx):
    make_admin("f@example.org")
    login(client, "f@example.org", PASSWORD)
    return client


def test_a_large_upload_is_stored_and_imported_in_the_background_with_its_report(facilitator):
    client = facilitator
    content, bad = big_file(4_500)
    response = upload(client, content)
    assert response.status_code == 302
    # Nothing imported during the request: the job waits for the scheduler.
    assert suppliers() == 0
    page = client.get(response.location)
    assert "En attente" in page.get_data(as_text=True) and page.headers["Refresh"] == "5"
    upload_page = client.get("/admin/suppliers/import").get_data(as_text=True)
    assert response.location in upload_page and "en attente" in upload_page

    job_id = db.session.scalar(select(ImportJob.id))
    assert services.process_pending(db.session) == "imports done=1 failed=0"
    job = db.session.get(ImportJob, job_id)
    assert job.status == JobStatus.DONE and job.lines_done == 4_501
    assert (job.imported, job.rejected) == (4_500 - bad, bad)
    assert suppliers() == 4_500 - bad
    assert db.session.get(ImportFile, job_id) is None  # the stored file is gone once done

    page = client.get(f"/admin/imports/{job_id}").get_data(as_text=True)
    assert f"{4_500 - bad} créées, 0 mises à jour, 0 inchangées, {bad} refusées." in page
    assert "Terminé le" in page and "code de département inconnu : 99" in page
    assert "<td>9</td>" in page  # data row 7 is file line 9
    report = client.get(f"/admin/imports/{job_id}/rejected.csv")
    assert report.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(report.get_data(as_text=True))))
    assert len(rows) == bad and rows[0]["line"] == "9" and rows[0]["name"] == "Mauvaise 7"
    assert "99" in rows[0]["reason"]


def test_a_crash_between_batches_resumes_after_the_last_committed_batch(app_ctx):
    content, bad = big_file(1_000, bad_every=100)
    admin = make_admin("f@example.org")
    job = services.create_job(db.session, admin, "crash.csv", content)
    db.session.commit()
    batches = []

    def crash_after_two(job: ImportJob) -> None:
        batches.append(job.lines_done)
        if len(batches) == 2:
            raise Crash

    assert services.claim(db.session, job.id)
    with pytest.raises(Crash):
        services.run_job(db.session, job, batch_size=300, after_commit=crash_after_two)
    db.session.rollback()
    job = db.session.get(ImportJob, job.id)
    assert job.status == JobStatus.RUNNING and job.lines_done == batches[1]
    committed = suppliers()
    assert committed == 600 and job.imported == 600
    rejected_so_far = job.rejected

    # A fresh runner leaves it alone while the heartbeat is recent, takes it over once stale.
    assert services.process_pending(db.session) == "imports done=0 failed=0"
    later = utcnow() + services.STALE_AFTER + timedelta(minutes=1)
    assert services.process_pending(db.session, now=later, batch_size=300) == (
        "imports done=1 failed=0"
    )
    job = db.session.get(ImportJob, job.id)
    assert job.status == JobStatus.DONE and job.attempts == 2
    assert (job.imported, job.updated, job.rejected) == (1_000 - bad, 0, bad)
    assert rejected_so_far < bad
    assert suppliers() == 1_000 - bad
    lines = db.session.scalars(
        select(ImportRejection.line).where(ImportRejection.job_id == job.id)
    ).all()
    assert len(lines) == len(set(lines)) == bad  # no rejection written twice


def test_a_duplicate_siret_after_a_resume_is_still_a_duplicate(app_ctx):
    siret = make_siret()
    rows = [supplier_row(siret=siret, name="Première")]
    rows += [supplier_row(name=f"S{i}") for i in range(5)]
    rows += [supplier_row(siret=siret, name="Doublon")]
    job = services.create_job(db.session, None, "d.csv", csv_text(rows).encode())
    db.session.commit()
    assert services.claim(db.session, job.id)

    def crash(job: ImportJob) -> None:
        raise Crash

    with pytest.raises(Crash):
        services.run_job(db.session, job, batch_size=3, after_commit=crash)
    db.session.rollback()
    later = utcnow() + services.STALE_AFTER * 2
    services.process_pending(db.session, now=later, batch_size=3)
    job = db.session.get(ImportJob, job.id)
    assert job.status == JobStatus.DONE and (job.imported, job.rejected) == (6, 1)
    reason = db.session.scalar(select(ImportRejection.reason))
    assert "déjà ligne 2" in reason
    assert db.session.scalar(select(Supplier.name).where(Supplier.siret == siret)) == "Première"


def test_small_uploads_run_at_once_and_imported_suppliers_are_verified(facilitator):
    client = facilitator
    page = client.post(
        "/admin/suppliers/import",
        data={
            "csrf_token": csrf_token(client, "/admin/suppliers/import"),
            "file": (io.BytesIO(csv_text([supplier_row(name="Régie")]).encode()), "a.csv"),
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "1 créées, 0 mises à jour, 0 inchangées, 0 refusées." in page
    supplier = db.session.scalar(select(Supplier))
    assert supplier.status == SupplierStatus.VERIFIED


def test_nul_bytes_in_an_uploaded_csv_reject_the_row_clearly(facilitator):
    client = facilitator
    good = supplier_row(name="Bonne")
    content = csv_text([good, supplier_row(name="Mau\x00vaise")]).encode()
    page = client.post(
        "/admin/suppliers/import",
        data={
            "csrf_token": csrf_token(client, "/admin/suppliers/import"),
            "file": (io.BytesIO(content), "nul.csv"),
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "1 créées, 0 mises à jour, 0 inchangées, 1 refusées." in page
    assert "caractère nul ou de contrôle dans la ligne" in page and "<td>3</td>" in page
    assert [s.name for s in db.session.scalars(select(Supplier))] == ["Bonne"]


def test_a_utf16_file_is_refused_at_upload(facilitator):
    client = facilitator
    content = csv_text([supplier_row()]).encode("utf-16")
    page = upload(client, content).get_data(as_text=True)
    assert "caractère nul ou de contrôle" in page or "colonnes manquantes" in page
    assert db.session.scalar(select(func.count(ImportJob.id))) == 0


def test_a_header_of_a_million_columns_is_refused_at_once(facilitator):
    client = facilitator
    header = ",".join(f"c{i}" for i in range(1_000_000)).encode()
    started = time.perf_counter()
    page = upload(client, b"siret,name," + header + b"\n1,2\n").get_data(as_text=True)
    elapsed = time.perf_counter() - started
    assert "En-tête trop long" in page
    assert db.session.scalar(select(func.count(ImportJob.id))) == 0
    print(f"1,000,000-column header refused in {elapsed:.2f} s")
    columns = ",".join(f"c{i}" for i in range(MAX_COLUMNS + 5)).encode()
    page = upload(client, columns + b"\n").get_data(as_text=True)
    assert f"Trop de colonnes : {MAX_COLUMNS + 5}, {MAX_COLUMNS} au plus." in page


def test_an_overlong_field_rejects_its_row(app_ctx):
    rows = [supplier_row(name="Bonne"), supplier_row(description="x" * 30_000)]
    job = services.create_job(db.session, None, "long.csv", csv_text(rows).encode())
    db.session.commit()
    services.process_pending(db.session)
    job = db.session.get(ImportJob, job.id)
    assert (job.imported, job.rejected) == (1, 1)
    assert db.session.scalar(select(ImportRejection.reason)) == "champ de plus de 25000 caractères"


def test_procure_import_run_pending(app_ctx, runner):
    job = services.create_job(db.session, None, "a.csv", csv_text([supplier_row()]).encode())
    db.session.commit()
    result = runner.invoke(args=["import", "run-pending"])
    assert result.exit_code == 0 and "imports done=1 failed=0" in result.output
    assert db.session.get(ImportJob, job.id).status == JobStatus.DONE
    assert suppliers() == 1


def test_import_report_is_for_facilitators_only(client, app_ctx):
    job = services.create_job(db.session, None, "a.csv", csv_text([supplier_row()]).encode())
    db.session.commit()
    from tests.factories import make_buyer

    make_buyer("b@ville.example.fr")
    login(client, "b@ville.example.fr", PASSWORD)
    assert client.get(f"/admin/imports/{job.id}").status_code == 403
    assert client.get(f"/admin/imports/{job.id}/rejected.csv").status_code == 403
