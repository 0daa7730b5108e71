from django.apps import AppConfig


class AssistConfig(AppConfig):
    name = "signaal.assist"
