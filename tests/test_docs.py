"""The README documents every command and every NEWSCRAWLER_* setting, and its test command is CI's."""

from __future__ import annotations

import re

from newscrawler import settings
from newscrawler.cli import main

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    missing = [name for name in main.commands if f"newscrawler {name}" not in README]
    assert not missing


def test_every_project_setting_is_documented() -> None:
    names = [name for name in dir(settings) if name.startswith("NEWSCRAWLER_")]
    assert names
    assert [n for n in names if f"`{n}`" not in README] == []


def test_ci_runs_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    test_command = blocks[1].strip()
    assert "pytest" in test_command
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_pipelines_package_is_this_repositorys() -> None:
    import pipelines

    assert pipelines.__file__ is not None
    assert REPO in __import__("pathlib").Path(pipelines.__file__).resolve().parents
