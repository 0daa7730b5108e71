"""WSGI entry point (also what `manage.py runserver` loads)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "signaal.web.settings")
application = get_wsgi_application()

from signaal.web.worker import start_inprocess_worker, warm_up_engine  # noqa: E402  (needs Django)

start_inprocess_worker()
warm_up_engine()
