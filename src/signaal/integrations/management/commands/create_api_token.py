"""manage.py create_api_token NAME --scope ingest --scope read: prints the secret once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from signaal.errors import DomainError
from signaal.integrations.models import ApiToken
from signaal.integrations.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for an integration and print its secret (shown only once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument(
            "--scope",
            action="append",
            choices=ApiToken.Scope.values,
            default=None,
            help="repeat for several scopes (default: ingest)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            token, secret = api_token_create(
                name=options["name"], scopes=options["scope"] or ["ingest"]
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"{token.name} ({', '.join(token.scopes)}): {secret}")
