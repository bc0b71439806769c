"""A real headless Chromium driven through the DevTools protocol over a pipe (``--remote-debugging-pipe``:
JSON messages separated by NUL bytes on file descriptors 3 and 4), so tests can ask the browser what it
drew (layout boxes, the fonts that drew a node's text) without a WebSocket client or a driver package.

Debian's ``chromium`` package; a test that needs it skips when it is absent and fails under
NEWSCRAWLER_REQUIRE_SERVICES=1 (``tests.conftest.require_service``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from .conftest import require_service

_TRAMPOLINE = """
import fcntl, os, sys
high = [fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3]]
for fd, target in zip(high, (3, 4)):
    os.dup2(fd, target)
    os.close(fd)
for fd in sys.argv[1:3]:
    if int(fd) not in (3, 4):
        os.close(int(fd))
os.execv(sys.argv[3], sys.argv[3:])
"""


def chromium_path() -> str:
    """The Chromium executable (skips the test, or fails it in CI, when there is none)."""
    browser = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if browser is None:
        require_service("Chromium", "no chromium on PATH (Debian: apt-get install chromium)")
    assert browser is not None
    return browser


class Chromium:
    """One headless Chromium with one page; ``with Chromium(profile) as page: page.open(url)``.

    ``env`` replaces the browser's environment (e.g. a FONTCONFIG_FILE that hides fonts).
    """

    def __init__(self, profile: Path, *, env: dict[str, str] | None = None, width: int = 1400) -> None:
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--remote-debugging-pipe", f"--user-data-dir={profile}",
                 f"--window-size={width},1000", "about:blank"]
        # the protocol wants descriptors 3 and 4 exactly: a small Python moves ours there (out of the way
        # first, in case one already is 3 or 4), then becomes Chromium
        self.process = subprocess.Popen([sys.executable, "-c", _TRAMPOLINE, str(commands_read), str(answers_write),
                                         chromium_path(), *flags],
                                        pass_fds=(commands_read, answers_write), env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(commands_read)
        os.close(answers_write)
        self._buffer = b""
        self._next_id = 0
        self.session = ""

    def __enter__(self) -> Chromium:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "DOM", "CSS"):
            self.call(f"{domain}.enable")
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        try:
            self.session = ""
            self.call("Browser.close")
            self.process.wait(timeout=30)
        except Exception:
            self.process.kill()
            self.process.wait(timeout=30)
        finally:
            os.close(self._commands)
            os.close(self._answers)

    def call(self, method: str, **params: Any) -> Any:
        """Send one protocol command (to the page once attached) and return its result."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self._buffer:
                chunk = os.read(self._answers, 1 << 16)
                if not chunk:
                    raise RuntimeError(f"Chromium closed the protocol pipe during {method}")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            answer = json.loads(raw)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def open(self, url: str, timeout: float = 60) -> None:
        """Load ``url`` and wait until the new document (after any redirect) and its style sheets are loaded."""
        self.evaluate("window.__previousPage = true")  # gone once the new document replaced this one
        navigated = self.call("Page.navigate", url=url)
        if navigated.get("errorText"):
            raise RuntimeError(f"Chromium could not load {url}: {navigated['errorText']}")
        deadline = time.monotonic() + timeout
        while self.evaluate("window.__previousPage === true || document.readyState !== 'complete'"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"Chromium did not finish loading {url}")
            time.sleep(0.05)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def fonts(self, selector: str) -> dict[str, int]:
        """The fonts that drew the text of the first element matching ``selector``: family → glyphs drawn."""
        root = self.call("DOM.getDocument", depth=0)["root"]["nodeId"]
        node = self.call("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
        if not node:
            raise LookupError(f"no element matches {selector!r}")
        fonts = self.call("CSS.getPlatformFontsForNode", nodeId=node)["fonts"]
        return {font["familyName"]: int(font["glyphCount"]) for font in fonts}


def fc_list(*args: str) -> list[str]:
    """The lines ``fc-list`` prints (skips the test, or fails it in CI, without fontconfig)."""
    found = shutil.which("fc-list")
    if found is None:
        require_service("fontconfig", "no fc-list on PATH (Debian: apt-get install fontconfig)")
    assert found is not None
    return subprocess.run([found, *args], capture_output=True, text=True, timeout=60).stdout.splitlines()


def cjk_families() -> set[str]:
    """Font families fontconfig says cover Chinese (``fc-list :lang=zh``), every name a family goes by."""
    return {name.strip() for line in fc_list(":lang=zh", "family") for name in line.split(",") if name.strip()}


def without_cjk_fonts(folder: Path) -> dict[str, str]:
    """An environment in which fontconfig sees only this machine's fonts that do not cover Chinese: a
    machine without a CJK font, for checking that a test notices one."""
    chinese = set(fc_list(":lang=zh", "file"))
    fonts = folder / "fonts"
    fonts.mkdir(parents=True)
    for n, line in enumerate(sorted(set(fc_list(":", "file")) - chinese)):
        path = Path(line.rstrip(":").strip())
        if path.is_file():
            (fonts / f"{n}-{path.name}").symlink_to(path)
    config = folder / "fonts.conf"
    config.write_text(f'''<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{fonts}</dir><cachedir>{folder / "cache"}</cachedir></fontconfig>
''', encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(config)}
