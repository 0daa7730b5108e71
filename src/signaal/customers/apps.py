from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "signaal.customers"
