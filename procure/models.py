"""Every model module, imported once so that SQLAlchemy and Alembic see the whole schema."""

from procure.accounts.models import Organisation, User  # noqa: F401
from procure.api.models import ApiToken  # noqa: F401
from procure.digests.models import AlertedTender  # noqa: F401
from procure.feedback.models import FeedbackEvent, ShortlistEntry, ShortlistSnapshot  # noqa: F401
from procure.imports.models import ImportFile, ImportJob, ImportRejection  # noqa: F401
from procure.mail.models import OutboxMessage  # noqa: F401
from procure.spaser.models import Contract, ContractHolder, InsertionHoursRealised  # noqa: F401
from procure.suppliers.models import Supplier, SupplierArea, SupplierAudit, SupplierKind  # noqa: F401
from procure.tenders.models import (  # noqa: F401
    Clause,
    CpvCode,
    Interest,
    Lot,
    Tender,
    TenderRevision,
)
