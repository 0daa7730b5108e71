"""manage.py load_demo: the Stroomlijn demo team, customers and conversations; prints log-ins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from signaal.demo.services import DemoDataError, demo_load
from signaal.errors import DomainError


class Command(BaseCommand):
    help = (
        "Load the demo data (a fictional energy-and-water company with its team, customers and "
        "conversations) and print the demo log-ins. Loading twice adds nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = demo_load()
        except DemoDataError as exc:
            raise CommandError(str(exc)) from None
        except DomainError as exc:
            raise CommandError(f"the demo data does not fit this database: {exc.message}") from None
        if result.already_loaded:
            self.stdout.write("The demo data is already loaded; nothing added.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo loaded: {result.interactions_created} contacts in "
                    f"{result.cases_created} cases of {result.customers} customers."
                )
            )
        self.stdout.write("Log in as:")
        for login in result.logins:
            password = result.password if login.demo_password else "(own password)"
            self.stdout.write(f"  {login.username:<8} {password:<36} {login.role}: {login.name}")
