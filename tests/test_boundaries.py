"""The engine stays Django-free: the platform builds on it, never the other way round."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1] / "src" / "signaal" / "engine"


def test_engine_imports_no_django_and_no_app() -> None:
    offenders = []
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if name.split(".")[0] == "django" or (
                    name.startswith("signaal.") and not name.startswith("signaal.engine")
                ):
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []
