"""The exchange reaches the data through the services' public calls only: no name starting
with "_" is imported from ``klinik.services`` or read off one of its modules; and no module
of the exchange is over 600 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import klinik.exchange

EXCHANGE = Path(klinik.exchange.__file__).parent
MODULES = sorted(EXCHANGE.rglob("*.py"))


def private_service_names(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    aliases: set[str] = set()  # names bound to klinik.services or one of its modules
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("klinik.services"):
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"{node.lineno}: from {node.module} import {alias.name}")
                aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("klinik.services"):
                    if any(part.startswith("_") for part in alias.name.split(".")):
                        found.append(f"{node.lineno}: import {alias.name}")
                    aliases.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            base = node.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id in aliases:
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_exchange_has_modules_to_check():
    names = {p.relative_to(EXCHANGE).as_posix() for p in MODULES}
    assert {"cells.py", "export/run.py", "importer/run.py"} <= names


def test_no_private_service_name_is_used_in_the_exchange():
    used = {
        str(path.relative_to(EXCHANGE)): names
        for path in MODULES
        if (names := private_service_names(path))
    }
    assert used == {}


def test_the_check_finds_a_private_name(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from klinik.services import clients as client_service\n"
        "from klinik.services.clients import _clean_client\n"
        "import klinik.services.cases\n"
        "client_service._client_filters()\n"
        "klinik.services.cases._case_query()\n"
        "client_service.clean_client()\n",
        encoding="utf-8",
    )
    assert private_service_names(sample) == [
        "2: from klinik.services.clients import _clean_client",
        "4: client_service._client_filters",
        "5: klinik.services.cases._case_query",
    ]


def test_no_exchange_module_is_over_600_lines():
    long = {
        str(p.relative_to(EXCHANGE)): n
        for p in MODULES
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}
