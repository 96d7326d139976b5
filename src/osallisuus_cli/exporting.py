"""Handouts: pick the renderer for a format and write the result where it was asked for."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from .errors import UsageError
from .model import Dataset, Lang, Method

FORMATS = ("markdown", "html", "json")


def export_document(dataset: Dataset, methods: Sequence[Method], fmt: str, lang: Lang) -> str:
    """The whole handout as text in the chosen format."""
    if fmt == "json":
        from .render_json import SCHEMA_VERSION, export_doc

        document = {"schema_version": SCHEMA_VERSION, **export_doc(dataset, methods, lang)}
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    from . import render_export

    if fmt == "html":
        return render_export.export_html(dataset, methods, lang)
    if fmt == "markdown":
        return render_export.export_markdown(dataset, methods, lang)
    raise UsageError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.", FORMATS)


def check_output(path: str) -> Path:
    """The file to write, checked before any work is done; UsageError if it cannot be."""
    file = Path(path)
    if not path.strip():
        raise UsageError("--output needs a file name.")
    if file.is_dir():
        raise UsageError(f"--output {path} is a folder; give a file name.")
    if not file.parent.is_dir():
        raise UsageError(f"The folder of --output {path} does not exist; create it first.")
    return file


def write_output(path: str, document: str) -> str:
    """Write the handout; UsageError when the place cannot take it."""
    file = check_output(path)
    try:
        file.write_text(document, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"Cannot write {path} ({exc.strerror or exc}).") from None
    return str(file)
