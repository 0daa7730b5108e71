"""ASGI entry point (production: uvicorn signaal.web.asgi:application)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "signaal.web.settings")
application = get_asgi_application()

from signaal.web.worker import start_inprocess_worker, warm_up_engine  # noqa: E402  (needs Django)

start_inprocess_worker()
warm_up_engine()
