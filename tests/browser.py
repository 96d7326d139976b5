"""A headless Chromium driven over its DevTools pipe, for the print tests.

One browser serves every page of a test session: a page is opened from a file, laid out
as the printer lays it out (print media, the page area's width), measured with a script,
and printed to PDF exactly as `chromium --print-to-pdf` prints it. Only the standard
library: the DevTools protocol over `--remote-debugging-pipe` is JSON messages ended by
a NUL byte, written to the browser's file descriptor 3 and read from its 4.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
)
MM = 96 / 25.4  # CSS pixels in a millimetre


def chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """A running headless Chromium; use it as a context manager."""

    def __init__(self, binary: str) -> None:
        self._profile = tempfile.mkdtemp(prefix="osallisuus-chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def wire() -> None:
            # In the child, before Chromium starts: the pipe ends as its fds 3 and 4 (dup2
            # makes them inheritable; every other descriptor Python opened closes on exec).
            read_end, write_end = os.dup(to_browser_read), os.dup(from_browser_write)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self._process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,
            close_fds=False,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        with contextlib.suppress(OSError, RuntimeError):
            self.call("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        shutil.rmtree(self._profile, ignore_errors=True)

    def _read_message(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed its DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer (events on the way are dropped)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read_message()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result

    def _wait_for(self, event: str, session: str) -> None:
        while True:
            message = self._read_message()
            if message.get("method") == event and message.get("sessionId") == session:
                return

    def open(self, path: Path, width_mm: float) -> Page:
        """The page at `path`, laid out for print in a page area `width_mm` wide."""
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session)
        self.call("Page.navigate", session, url=path.resolve().as_uri())
        self._wait_for("Page.loadEventFired", session)
        return Page(self, session, target, width_mm)


class Page:
    """One open page: measured in print layout, and printed."""

    def __init__(self, browser: Browser, session: str, target: str, width_mm: float) -> None:
        self._browser, self._session, self._target = browser, session, target
        self._width_mm = width_mm

    def measure(self, script: str) -> Any:
        """The value of a JavaScript expression, with the page laid out as on paper."""
        call = self._browser.call
        call("Emulation.setEmulatedMedia", self._session, media="print")
        call(
            "Emulation.setDeviceMetricsOverride",
            self._session,
            width=round(self._width_mm * MM),
            height=1000,
            deviceScaleFactor=1,
            mobile=False,
        )
        answer = call(
            "Runtime.evaluate",
            self._session,
            expression=f"document.fonts.ready.then(() => ({script}))",
            awaitPromise=True,
            returnByValue=True,
        )
        if "exceptionDetails" in answer:
            raise RuntimeError(str(answer["exceptionDetails"]))
        return answer["result"].get("value")

    def pdf(self) -> bytes:
        """The page printed as `chromium --print-to-pdf` prints it (the page's @page size)."""
        self._browser.call("Emulation.clearDeviceMetricsOverride", self._session)
        answer = self._browser.call(
            "Page.printToPDF",
            self._session,
            preferCSSPageSize=True,
            printBackground=True,
            displayHeaderFooter=False,
        )
        return base64.b64decode(answer["data"])

    def close(self) -> None:
        self._browser.call("Target.closeTarget", targetId=self._target)
