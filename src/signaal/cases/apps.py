from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "signaal.cases"

    def ready(self) -> None:
        # Connects the receivers that keep the cached reference data (norms, contact
        # reasons) current in every process that changes it.
        from signaal.cases import selectors  # noqa: F401
