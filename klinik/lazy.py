"""Names whose module is imported on first use: reportlab, XlsxWriter and openpyxl cost
about a second at start and are needed only when a document or an export is made.

``lazy_module("klinik.reports.period")`` is a module imported at its first attribute;
``lazy_function("klinik.reports.base", "write_atomic")`` a function imported at its first
call. Both keep the module's own name in tracebacks and ``repr``.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any


def lazy_module(name: str) -> ModuleType:
    """The module ``name``, imported when one of its attributes is first read."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"no module named {name!r}")
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


def lazy_function(module: str, name: str) -> Callable[..., Any]:
    """A stand-in for ``from module import name`` that imports ``module`` at the first call."""

    @functools.cache
    def target() -> Callable[..., Any]:
        return getattr(importlib.import_module(module), name)

    def call(*args: Any, **kwargs: Any) -> Any:
        return target()(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__module__ = module
    call.__doc__ = f"{module}.{name}, imported at its first call."
    return call
