"""Background work in-process for the embedded set-up (no Redis, one process).

With REDIS_URL set, tasks go to Redis and `manage.py run_huey` workers take them; embedded,
the web process runs one worker thread itself on the SQLite-backed queue, so `make run` needs
nothing else running.
"""

from __future__ import annotations

import gc
import logging
import threading

from django.conf import settings

logger = logging.getLogger(__name__)
_started = threading.Event()
_warming = threading.Event()


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


def warm_up_engine() -> bool:
    """Compile the listening engine of every language in a background thread; True if started.

    Compiling a language takes a few seconds; without this the first conversation in each
    language after a start would wait for it. The server answers meanwhile (a request that
    needs a language still being compiled waits for that one).
    """
    if _warming.is_set() or not settings.SIGNAAL_PRELOAD_ENGINE:
        return False
    _warming.set()

    def run() -> None:
        from django.db import connection

        from signaal.assist.lexicon import platform_listener

        try:
            platform_listener().preload()
            # The compiled engine is ~190 MB of objects that live as long as the process: out
            # of the cyclic collector's sight, a full collection no longer walks them all
            # (~0.2 s each on a busy process, in the middle of some request).
            gc.freeze()
            logger.info("listening engine compiled for every language")
        except Exception:  # a broken pack is reported where it is used, with its error
            logger.exception("warming up the listening engine failed")
        finally:
            connection.close()

    threading.Thread(target=run, name="signaal-engine-warm-up", daemon=True).start()
    return True
