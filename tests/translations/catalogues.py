"""Translation catalogues compiled at test time with ``msgfmt`` (``make test`` installs
gettext), as a clinic compiles its own into ``LOCALE_PATHS``."""

from __future__ import annotations

import shutil
import subprocess

import pytest

HEADER = (
    "Project-Id-Version: test\\nPO-Revision-Date: 2026-01-01 00:00+0000\\n"
    "Last-Translator: test\\nLanguage-Team: test\\nLanguage: {code}\\nMIME-Version: 1.0\\n"
    "Content-Transfer-Encoding: 8bit\\n"
)


def _po(code: str, translations: dict[str, str]) -> str:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    entries = [
        f'msgid ""\nmsgstr "{HEADER.format(code=code)}Content-Type: text/plain; charset=UTF-8\\n"\n'
    ]
    for key, text in translations.items():
        context = "kiosk: the larger text toggle is on" if key == "on" else "kiosk"
        entries.append(f"msgctxt {quoted(context)}\nmsgid {quoted(key)}\nmsgstr {quoted(text)}\n")
    return "\n".join(entries)


def compile_catalogue(root, code: str, translations: dict[str, str]) -> None:
    """``translations`` (the kiosk's words: English key → text) as ``root/<code>``'s catalogue."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("No msgfmt. Install gettext (`make test` does so as root).")
    folder = root / code / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(_po(code, translations), encoding="utf-8")
    subprocess.run(
        [msgfmt, "--check", "-o", str(folder / "django.mo"), str(folder / "django.po")],
        check=True,
    )
