from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "signaal.cases"
