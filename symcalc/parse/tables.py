"""The grammar file, the Lark parser built from it, and its cached LALR tables.

The grammar is ``grammar/symcalc.lark`` in a source checkout and
``symcalc/grammar/symcalc.lark`` in an installed wheel. Building the LALR tables takes
Lark about 0.1 s (plus 0.06 s to import it), so the tables are saved as JSON in the
user cache directory (``$SYMCALC_CACHE_DIR``, else ``$XDG_CACHE_HOME/symcalc``, else
``~/.cache/symcalc``; set ``SYMCALC_CACHE_DIR`` to an empty string to turn caching
off), under a name derived from the grammar's hash: editing the grammar rebuilds them.
The first line of a cache file is the SHA-256 of the rest: a damaged file is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from .lalr import FORMAT, tables_from_lark


def grammar_text() -> str:
    """The grammar source: the installed copy, else the one in the source checkout."""
    try:
        return resources.files("symcalc").joinpath("grammar/symcalc.lark").read_text("utf-8")
    except OSError:
        root = Path(__file__).resolve().parents[2]
        return (root / "grammar" / "symcalc.lark").read_text("utf-8")


def build_lark(**options: Any) -> Any:
    """A Lark LALR parser for the grammar (it builds trees unless given a transformer)."""
    from lark import Lark

    return Lark(grammar_text(), parser="lalr", lexer="basic", maybe_placeholders=False,
                start=["start", "rule"], **options)


def cache_dir() -> Path | None:
    """Where parser tables are cached, or None when caching is off."""
    env = os.environ.get("SYMCALC_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "symcalc"


def load_tables() -> dict:
    """The parser tables for the current grammar: from the cache, else built by Lark."""
    text = grammar_text()
    key = hashlib.sha256(f"{FORMAT}\n{text}".encode()).hexdigest()[:32]
    folder = cache_dir()
    path = folder / f"grammar-{key}.json" if folder is not None else None
    if path is not None:
        tables = _read(path, key)
        if tables is not None:
            return tables
    tables = tables_from_lark(build_lark())
    tables["key"] = key
    if path is not None:
        body = json.dumps(tables, separators=(",", ":"), sort_keys=True)
        _write(path, f"{_checksum(body)}\n{body}")
    return tables


def _checksum(body: str) -> str:
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


def _read(path: Path, key: str) -> dict | None:
    """The cached tables, or None when the file is missing, damaged (its checksum, the
    first line, does not match the rest) or for another grammar: then they are rebuilt
    and the file replaced."""
    try:
        head, _, body = path.read_text("utf-8").partition("\n")
        if head != _checksum(body):
            return None
        tables = json.loads(body)
    except (OSError, ValueError):   # UnicodeDecodeError and JSONDecodeError included
        return None
    if not isinstance(tables, dict) or tables.get("key") != key:
        return None
    return tables


def _write(path: Path, data: str) -> None:
    """Write atomically (a concurrent reader sees the old file or the new one); a
    read-only or missing home directory just means no cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".grammar-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
