"""The registry is the whole truth about how our Rasa differs from stock: every patch module
is listed, importing the project patches nothing, only the servers' `install` does, and it
refuses a Rasa the patches were not written for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.rasa import patches
from bot.settings import PROJECT_ROOT

PATCH_DIR = Path(patches.__file__).parent
# Imports every module of ours that Rasa or a test may load, then reports whether Rasa's own
# functions are still in place.
IMPORT_EVERYTHING = """
import importlib, pkgutil, jsonschema, bot, actions
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
for package in (bot, actions):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if ".patches." not in module.name and not module.name.endswith("__main__"):
            importlib.import_module(module.name)
print(jsonschema.validate.__module__, RemoteAction.run.__module__, Event.resolve_by_type.__module__)
"""
INSTALL = """
import sys, jsonschema
from bot.rasa import patches
patches.install("rasa", stock={stock})
from rasa.core.actions.action import RemoteAction
print(jsonschema.validate.__module__, RemoteAction.run.__module__, sys.modules.get("jax", 0))
"""


def python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def test_every_patch_module_is_in_the_registry_and_every_entry_installs() -> None:
    modules = {p.stem for p in PATCH_DIR.glob("*.py") if p.stem != "__init__"}
    listed = [patch.name for patch in patches.PATCHES]
    assert sorted(listed) == sorted(modules), "a patch outside the registry would go unseen"
    for name in listed:
        assert "def install() -> None" in (PATCH_DIR / f"{name}.py").read_text(), name


def test_each_entry_says_what_it_replaces_why_and_what_it_gained() -> None:
    for patch in patches.PATCHES:
        assert patch.kind in ("speed", "fix") and patch.process in ("rasa", "actions")
        assert patch.replaces and patch.why and patch.gain, patch.name


def test_the_stock_switch_keeps_the_fixes_and_drops_every_speed_patch() -> None:
    stock = patches.chosen("rasa", stock=True)
    assert {p.name for p in stock} == {"action_failsafe", "session_start"}
    assert all(p.kind == "fix" for p in stock)
    assert len(patches.chosen("rasa", stock=False)) > len(stock)
    assert [p.name for p in patches.chosen("actions", stock=False)] == ["no_tensorflow"]


def test_another_rasa_version_is_refused_with_what_to_do() -> None:
    with pytest.raises(patches.WrongRasaVersion, match=r"written for Rasa 3\.6\.21.*3\.7\.0"):
        patches.check_rasa_version("3.7.0")
    patches.check_rasa_version(patches.RASA_VERSION)


def test_importing_the_project_patches_nothing() -> None:
    assert python(IMPORT_EVERYTHING).split() == [
        "jsonschema.validators",
        "rasa.core.actions.action",
        "rasa.shared.core.events",
    ]


def test_install_patches_rasa_and_the_switch_leaves_the_speed_patches_out() -> None:
    patched = python(INSTALL.format(stock=False)).split()
    assert patched == [
        "bot.rasa.patches.schema_cache",
        "bot.rasa.patches.action_failsafe",
        "None",
    ]
    stock = python(INSTALL.format(stock=True)).split()
    assert stock[:2] == ["jsonschema.validators", "bot.rasa.patches.action_failsafe"]
    assert stock[2] != "None", "JAX is left alone in stock mode"
