"""Test-wide set-up (Django settings come from pyproject: signaal.web.settings_test)."""
