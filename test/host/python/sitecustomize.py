"""Loaded by every Python process of the host layer (PYTHONPATH points here).

When OMHOST_OVERLAY names a folder, modules found there win over the installed
ones: the generated connector package and the regenerated models are laid over
the installed `metadata` package without touching the venv.
"""
import os

if os.environ.get("OMHOST_OVERLAY"):
    from omhost.overlay import activate

    activate(os.environ["OMHOST_OVERLAY"])
