"""Background work in-process for the embedded set-up (no Redis, one process).

With REDIS_URL set, tasks go to Redis and `manage.py run_huey` workers take them; embedded,
the web process runs one worker thread itself on the SQLite-backed queue, so `make run` needs
nothing else running.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings

logger = logging.getLogger(__name__)
_started = threading.Event()


def start_inprocess_worker() -> bool:
    """Start the in-process task worker once, if this set-up wants one; True if started."""
    if _started.is_set() or settings.REDIS_URL or not settings.SIGNAAL_INPROCESS_WORKER:
        return False
    from huey.contrib.djhuey import HUEY

    if HUEY.immediate:
        return False
    _started.set()
    consumer = HUEY.create_consumer(workers=1, worker_type="thread", periodic=False)
    # Consumer.start() would also take over the process's signal handlers, which belong to the
    # web server; start only its scheduler and worker threads (both daemonic threads).
    consumer.scheduler.start()
    for _, thread in consumer.worker_threads:
        thread.start()
    logger.info("in-process background worker started")
    return True
