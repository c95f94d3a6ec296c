"""Drive the Red Hat YAML language server over LSP (stdio), as an editor does.

The server behind YAML support in VS Code, Neovim and Emacs is installed once from npm (the
pinned version in ``tests/yaml_ls/package.json``) into a cache directory, like ajv in
``_ajv.py``; without node and npm the tests skip with the reason (``SPOCSCHEMA_REQUIRE_AJV=1``
turns the skip into a failure in CI, for both external tools).
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from functools import cache
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent / "yaml_ls"
SETTINGS: dict[str, Any] = {
    "validate": True,
    "hover": True,
    "completion": True,
    "schemaStore": {"enable": False},  # offline: only the schema the modeline names
    "format": {"enable": False},
}


@cache
def _install() -> Path | str:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        return "node and npm are not on PATH (install Node.js >= 18 to run it)"
    digest = hashlib.sha256((HERE / "package.json").read_bytes()).hexdigest()[:12]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    target = base / "spocschema" / f"yaml-ls-{digest}"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HERE / "package.json", target / "package.json")
    if not (target / "node_modules" / "yaml-language-server").is_dir():
        done = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=target, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            return f"`npm install` failed in {target}: {done.stderr.strip()[-500:]}"
    return target


class LanguageServer:
    """A running yaml-language-server and the few LSP calls an editor makes."""

    def __init__(self) -> None:
        where = _install()
        if isinstance(where, str):
            if os.environ.get("SPOCSCHEMA_REQUIRE_AJV") == "1":
                pytest.fail(f"yaml-language-server is required but {where}")
            pytest.skip(f"yaml-language-server check skipped: {where}")
        server = where / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
        self.process = subprocess.Popen(
            [shutil.which("node") or "node", str(server), "--stdio"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        capabilities = {
            "textDocument": {
                "completion": {"completionItem": {"documentationFormat": ["markdown"]}},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "publishDiagnostics": {},
            },
            "workspace": {"configuration": True},
        }
        self.request("initialize", {"processId": None, "rootUri": None,
                                    "capabilities": capabilities})  # fmt: skip
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": SETTINGS}})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                text = line.decode("ascii").strip()
                if not text:
                    break
                key, _, value = text.partition(":")
                headers[key.lower()] = value.strip()
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)["result"]

    def wait(self, wanted: Any, timeout: float = 30) -> dict[str, Any]:
        """The next message ``wanted`` accepts, answering the server's own requests meanwhile."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.messages.get(timeout=0.2)
            except queue.Empty:
                continue
            if "method" in message and "id" in message:  # the server asks for settings
                items = message.get("params", {}).get("items", [])
                answer = [SETTINGS if i.get("section") == "yaml" else None for i in items]
                self._send({"id": message["id"], "result": answer or None})
            elif wanted(message):
                return message
        raise TimeoutError("the YAML language server did not answer")

    def open(self, uri: str, text: str) -> list[dict[str, Any]]:
        """Open a document; returns the diagnostics the server publishes for it."""
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text}})  # fmt: skip
        message = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            )
        )
        diagnostics: list[dict[str, Any]] = message["params"]["diagnostics"]
        return diagnostics

    def at(self, method: str, uri: str, line: int, character: int) -> Any:
        position = {"line": line, "character": character}
        return self.request(method, {"textDocument": {"uri": uri}, "position": position})

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
