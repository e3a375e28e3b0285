"""An import finder that serves modules from an overlay folder before the installed ones."""
import importlib.abc
import importlib.util
import sys
from pathlib import Path


class OverlayFinder(importlib.abc.MetaPathFinder):
    """Finds `a.b.c` as <root>/a/b/c.py or <root>/a/b/c/__init__.py; anything else falls through."""

    def __init__(self, root: str):
        self.root = Path(root)

    def find_spec(self, fullname, path=None, target=None):
        relative = Path(*fullname.split("."))
        package_init = self.root / relative / "__init__.py"
        if package_init.is_file():
            return importlib.util.spec_from_file_location(
                fullname, package_init, submodule_search_locations=[str(package_init.parent)]
            )
        module_file = self.root / relative.parent / f"{relative.name}.py"
        if module_file.is_file():
            return importlib.util.spec_from_file_location(fullname, module_file)
        return None


def activate(root: str) -> None:
    already = [name for name in sys.modules if name == "metadata" or name.startswith("metadata.")]
    if already:
        raise RuntimeError(f"overlay activated after metadata was imported: {already[:3]}")
    sys.meta_path.insert(0, OverlayFinder(root))
