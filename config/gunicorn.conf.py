"""gunicorn settings: `gunicorn -c config/gunicorn.conf.py wsgi:app`.

The app is loaded in the master (preload) and the matcher's index is built there once,
before the workers fork: they share it copy-on-write instead of each rebuilding it, and it is
written under instance/ for the scheduler and the CLI.
"""

import os

bind = os.environ.get("PROCURE_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("PROCURE_WORKERS", "2"))
preload_app = True
accesslog = "-"


def when_ready(server):
    from procure.extensions import db
    from procure.matching.service import registry_index
    from wsgi import app

    with app.app_context():
        try:
            size = len(registry_index(db.session))
        except Exception as exc:  # no database yet: workers build it on first use
            server.log.warning("match index not built before fork: %s", exc)
        else:
            server.log.info("match index ready before fork: %d verified suppliers", size)
        # The master keeps no connection: each worker opens its own (see
        # procure.extensions.dispose_pools_after_fork, which also drops inherited pools).
        db.engine.dispose()
