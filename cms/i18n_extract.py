"""
Find every translatable message of the project's own code, in pure Python.

The project's strings are written in Vietnamese, the source language, directly as gettext
msgids; the other admin language (English) translates them in `locale/en/LC_MESSAGES/django.po`.
This module finds the msgids the way Django's `makemessages` does, without GNU gettext's xgettext
(which CI machines lack):

- Python files: calls of the gettext functions (`_`, `gettext`, `gettext_lazy`, `gettext_noop`,
  `ngettext`, `ngettext_lazy`, `pgettext`, `pgettext_lazy`, `npgettext`, `npgettext_lazy`),
  read with `ast`, whose string arguments give the message, its plural and its context;
- templates (`.html` and `.txt` under a `templates` folder): Django's own
  `templatize()` (Django's template lexer, as used by makemessages) turns `{% translate %}`,
  `{% blocktranslate %}` and `_("...")` into gettext calls, which are then read token by token.

Used by `manage.py extract_messages` (writes the English catalogue's new entries) and by
`tests/i18n/test_english_catalogue.py` (every message has its English translation).
"""

from __future__ import annotations

import ast
import io
import os
import re
import tokenize
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

# The project's own code: everything under ROOT except these folders (at any depth).
EXCLUDED_DIRS = frozenset(
    {
        ".venv",
        "venv",
        ".git",
        "node_modules",
        "__pycache__",
        "migrations",
        "tests",
        "locale",
        "bench",
        "var",
        "static",
        "docs",
    }
)
TEMPLATE_SUFFIXES = (".html", ".txt")

# keyword -> (index of the context argument, of the message, of the plural); None when absent.
# The same keywords as makemessages gives xgettext (plus xgettext's Python defaults).
KEYWORDS: dict[str, tuple[int | None, int, int | None]] = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}

Key = tuple[str | None, str]  # (msgctxt, msgid), as in a catalogue

PERCENT_RE = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGcoa%]")
BRACE_RE = re.compile(r"(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_]\w*)*(?:![rsa])?(?::[^{}]*)?\}(?!\})")


@dataclass
class Message:
    """One msgid (with its plural and context) and where the code uses it."""

    msgid: str
    msgid_plural: str | None = None
    msgctxt: str | None = None
    locations: list[tuple[str, int]] = field(default_factory=list)

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def flags(self) -> list[str]:
        """The format flags xgettext would give the message."""
        text = self.msgid + (self.msgid_plural or "")
        flags = []
        if any(m.group() != "%%" for m in PERCENT_RE.finditer(text)):
            flags.append("python-format")
        elif BRACE_RE.search(text):
            flags.append("python-brace-format")
        return flags

    def where(self) -> str:
        return ", ".join(f"{path}:{line}" for path, line in self.locations)


@dataclass(frozen=True)
class Found:
    """A message as found at one place."""

    msgid: str
    msgid_plural: str | None
    msgctxt: str | None
    line: int


class ExtractionError(Exception):
    """A file could not be read (a Python syntax error, a broken template)."""


# Python ------------------------------------------------------------------------------------------


def _keyword(func: ast.expr) -> str | None:
    """The gettext function a call calls: `_(...)`, `gettext(...)`, `translation.gettext(...)`."""
    if isinstance(func, ast.Name):
        name = func.id
    elif isinstance(func, ast.Attribute):
        name = func.attr
    else:
        return None
    return name if name in KEYWORDS else None


def _string(node: ast.expr) -> str | None:
    """The literal string of an argument (implicit concatenation is joined by the parser)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def extract_python(source: str, filename: str = "<source>") -> list[Found]:
    """The messages of a Python module's gettext calls with literal arguments."""
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as error:
        raise ExtractionError(f"{filename}: {error}") from error
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or (name := _keyword(node.func)) is None:
            continue
        ctx_i, msg_i, plural_i = KEYWORDS[name]
        needed = max(i for i in (ctx_i, msg_i, plural_i) if i is not None)
        if len(node.args) <= needed:
            continue
        msgid = _string(node.args[msg_i])
        msgctxt = _string(node.args[ctx_i]) if ctx_i is not None else None
        plural = _string(node.args[plural_i]) if plural_i is not None else None
        if not msgid or (ctx_i is not None and msgctxt is None) or (plural_i is not None and plural is None):
            continue  # not a literal: nothing to extract (xgettext skips these too)
        found.append(Found(msgid, plural, msgctxt, node.args[msg_i].lineno))
    return sorted(found, key=lambda f: f.line)


# Templates ---------------------------------------------------------------------------------------


def _calls_in_tokens(source: str) -> Iterator[Found]:
    """
    The gettext calls of code that need not be valid Python (templatize's output): a keyword,
    "(", then string tokens (adjacent ones concatenated) separated by commas.
    """
    # Indentation means nothing here and could upset the tokenizer: strip it (templatize never
    # writes a string literal over several lines, so no literal is touched).
    flat = "\n".join(line.lstrip() for line in source.splitlines()) + "\n"
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(flat).readline)
        if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)
    ]
    for i, token in enumerate(tokens[:-1]):
        if token.type != tokenize.NAME or token.string not in KEYWORDS:
            continue
        if tokens[i + 1].string != "(" or (i > 0 and tokens[i - 1].string == "."):
            continue
        # The arguments up to the matching ")": each one a literal string or None.
        args: list[str | None] = []
        current: list[tokenize.TokenInfo] = []
        depth = 0
        for t in tokens[i + 2 :]:
            if depth == 0 and t.string in (",", ")"):
                is_literal = current and all(c.type == tokenize.STRING for c in current)
                args.append("".join(ast.literal_eval(c.string) for c in current) if is_literal else None)
                current = []
                if t.string == ")":
                    break
                continue
            depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(t.string, 0)
            current.append(t)
        ctx_i, msg_i, plural_i = KEYWORDS[token.string]
        needed = max(k for k in (ctx_i, msg_i, plural_i) if k is not None)
        if len(args) <= needed or not args[msg_i]:
            continue
        msgctxt = args[ctx_i] if ctx_i is not None else None
        plural = args[plural_i] if plural_i is not None else None
        if (ctx_i is not None and msgctxt is None) or (plural_i is not None and plural is None):
            continue
        yield Found(args[msg_i], plural, msgctxt, token.start[0])


def extract_template(source: str, filename: str = "<template>") -> list[Found]:
    """The messages of a Django template, read as makemessages reads them."""
    from django.utils.translation.template import templatize

    try:
        code = templatize(source, origin=filename)
        return list(_calls_in_tokens(code))
    except (SyntaxError, tokenize.TokenError, ValueError) as error:
        raise ExtractionError(f"{filename}: {error}") from error


# The project -------------------------------------------------------------------------------------


def source_files(root: Path = ROOT) -> list[Path]:
    """The project's Python modules and templates, outside the excluded folders."""
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in EXCLUDED_DIRS and not d.startswith("."))
        relative = Path(folder).relative_to(root)
        for name in sorted(names):
            path = Path(folder) / name
            if path.suffix == ".py" or (path.suffix in TEMPLATE_SUFFIXES and "templates" in relative.parts):
                files.append(path)
    return sorted(files)


def extract_file(path: Path, root: Path = ROOT) -> list[Found]:
    source = path.read_text(encoding="utf-8")
    name = str(path.relative_to(root))
    return extract_python(source, name) if path.suffix == ".py" else extract_template(source, name)


def collect(found: Iterable[tuple[str, Found]]) -> dict[Key, Message]:
    """Merge the messages found at several places into one per (context, msgid)."""
    messages: dict[Key, Message] = {}
    for path, f in found:
        message = messages.setdefault((f.msgctxt, f.msgid), Message(f.msgid, None, f.msgctxt))
        message.msgid_plural = message.msgid_plural or f.msgid_plural
        message.locations.append((path, f.line))
    return messages


def extract(root: Path = ROOT, files: Iterable[Path] | None = None) -> dict[Key, Message]:
    """Every message of the project, keyed by (msgctxt, msgid), in order of first appearance."""
    paths = source_files(root) if files is None else files
    return collect((str(p.relative_to(root)), f) for p in paths for f in extract_file(p, root))


# The translations --------------------------------------------------------------------------------

TARGET_LANGUAGES = ("en",)  # every admin language but the source language (Vietnamese)

CATALOGUE_HEADER = (
    "English translations of the project's own messages, whose msgids are Vietnamese.\n"
    "Updated by `manage.py extract_messages` (pure Python, no GNU gettext needed), compiled\n"
    "by cms/catalogs.py; tests/i18n/test_english_catalogue.py keeps it complete."
)
CATALOGUE_METADATA = {
    "Project-Id-Version": "vksnd-exemplar-cms",
    "Language": "en",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


def catalogue_path(language: str, root: Path = ROOT) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


def is_translated(entry: polib.POEntry) -> bool:
    """Translated, every plural form filled in, and not fuzzy."""
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(v.strip() for v in entry.msgstr_plural.values())
    return bool(entry.msgstr.strip())


def updated_catalogue(messages: dict[Key, Message], existing: polib.POFile | None) -> polib.POFile:
    """
    The catalogue of exactly these messages, in the code's order, keeping the existing
    translations (and their fuzzy marks); messages gone from the code are dropped.
    """
    old = {(e.msgctxt, e.msgid): e for e in existing or [] if not e.obsolete}
    catalogue = polib.POFile(wrapwidth=78)
    catalogue.header = existing.header if existing is not None and existing.header else CATALOGUE_HEADER
    catalogue.metadata = dict(CATALOGUE_METADATA, **(existing.metadata if existing is not None else {}))
    for key, message in messages.items():
        previous = old.get(key)
        entry = polib.POEntry(
            msgid=message.msgid,
            msgctxt=message.msgctxt,
            occurrences=[(path, str(line)) for path, line in message.locations],
            flags=[
                *message.flags,
                *(["fuzzy"] if previous is not None and "fuzzy" in previous.flags else []),
            ],
            tcomment=previous.tcomment if previous is not None else "",
        )
        if message.msgid_plural:
            entry.msgid_plural = message.msgid_plural
            plurals = previous.msgstr_plural if previous is not None and previous.msgid_plural else {}
            entry.msgstr_plural = {0: plurals.get(0, ""), 1: plurals.get(1, "")}
        else:
            entry.msgstr = previous.msgstr if previous is not None and not previous.msgid_plural else ""
        catalogue.append(entry)
    return catalogue


def update_catalogue(language: str, root: Path = ROOT) -> tuple[polib.POFile, list[Key], list[Key]]:
    """Rewrite a language's catalogue for the code as it is; returns it, the keys added and removed."""
    path = catalogue_path(language, root)
    existing = polib.pofile(str(path), wrapwidth=78) if path.exists() else None
    messages = extract(root)
    catalogue = updated_catalogue(messages, existing)
    before = {(e.msgctxt, e.msgid) for e in existing or [] if not e.obsolete}
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    return catalogue, [k for k in messages if k not in before], sorted(before - messages.keys(), key=str)


def missing_translations(language: str, root: Path = ROOT) -> list[Message]:
    """The project's messages without a (non-fuzzy) translation in the language's catalogue."""
    path = catalogue_path(language, root)
    catalogue = polib.pofile(str(path)) if path.exists() else []
    done = {(e.msgctxt, e.msgid) for e in catalogue if is_translated(e)}
    return [m for key, m in extract(root).items() if key not in done]


if __name__ == "__main__":  # pragma: no cover - a quick listing while translating
    for message in extract().values():
        context = f"[{message.msgctxt}] " if message.msgctxt else ""
        plural = f" | {message.msgid_plural}" if message.msgid_plural else ""
        print(f"{context}{message.msgid}{plural}    ({message.where()})")
