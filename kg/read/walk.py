"""Walking input folders, and showing file names safely.

Every path met while walking is accounted for: a regular file is read, anything else
(hidden files and folders, sockets, named pipes, devices, broken symbolic links, folders
that cannot be opened, symbolic links that loop back or lead to a folder already walked)
gets an entry with the reason it is not read, so the manifest lists it.

Symbolic links to folders are followed after the real folders have been walked, so a
folder reached both directly and through a link is walked under its real path. A link
that leads back to a folder above it is reported once, where it stands, and not followed.

File names are bytes on POSIX systems; Python gives undecodable bytes back as lone
surrogates (``surrogateescape``). :func:`show` turns a path into text that always encodes
as UTF-8 and stays on one line: undecodable bytes as ``\\xNN`` and control characters
(a newline in a name) as ``\\n`` or ``\\xNN``, so manifests, exports and one-line
messages never break on a name.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from kg.errors import show_path as show

__all__ = ["Entry", "entry_for", "show", "walk"]


@dataclass(frozen=True, slots=True)
class Entry:
    """A path met while walking: ``skipped`` is empty for a file to read, else the reason.

    ``shown`` is the path as messages and the manifest show it, ``rel`` the path below the
    folder that was given (shown the same way), used to tell apart files of one name.
    """

    path: Path
    shown: str
    rel: str
    skipped: str = ""


def entry_for(path: Path) -> Entry:
    """The entry of a path given by itself: read if it is a regular file (or a link to
    one), else skipped with the reason. A hidden name given by itself is read."""
    try:
        reason = _not_regular(path.stat().st_mode)
    except OSError as exc:
        reason = _why_stat(path, exc)
    return Entry(path, show(path), show(path.name), reason)


def walk(root: Path) -> list[Entry]:
    """Every path under ``root``, sorted by its path below ``root``.

    Args:
        root: A folder (a symbolic link to one is followed).

    Returns:
        Entries for the regular files to read and for every path that is not read, with
        the reason (``hidden file``, ``symbolic link loop: leads back to …`` …).
    """
    out: list[Entry] = []
    try:
        st = root.stat()
    except OSError as exc:
        return [Entry(root, show(root), "", f"cannot open folder: {_why(exc)}")]
    visited: dict[tuple[int, int], str] = {(st.st_dev, st.st_ino): show(root)}
    # (folder, its path below root, keys of the folders it stands in, itself included)
    links: list[tuple[Path, str, frozenset[tuple[int, int]]]] = []
    _walk_real(root, "", frozenset(visited), visited, links, out)
    while links:
        # followed only once the real folders are walked, in a fixed order
        links.sort(key=lambda item: item[1])
        path, rel, above = links.pop(0)
        try:
            st = path.stat()
        except OSError as exc:
            out.append(Entry(path, show(path), show(rel), _why_stat(path, exc)))
            continue
        key = (st.st_dev, st.st_ino)
        if key in above:
            out.append(Entry(path, show(path), show(rel), f"symbolic link loop: leads back to {visited[key]}"))
        elif key in visited:
            out.append(Entry(path, show(path), show(rel), f"same folder as {visited[key]}, read there"))
        else:
            visited[key] = show(path)
            _walk_real(path, rel, above | {key}, visited, links, out)
    out.sort(key=lambda e: e.rel)
    return out


def _walk_real(
    folder: Path,
    rel: str,
    above: frozenset[tuple[int, int]],
    visited: dict[tuple[int, int], str],
    links: list[tuple[Path, str, frozenset[tuple[int, int]]]],
    out: list[Entry],
) -> None:
    """Walk ``folder`` without following links to folders (they go to ``links``)."""
    stack = [(folder, rel, above)]
    while stack:
        here, here_rel, here_above = stack.pop()
        try:
            with os.scandir(here) as it:
                names = sorted((entry.name, entry.is_symlink()) for entry in it)
        except OSError as exc:
            out.append(Entry(here, show(here), show(here_rel), f"cannot open folder: {_why(exc)}"))
            continue
        for name, is_link in names:
            path = here / name
            sub = f"{here_rel}/{name}" if here_rel else name
            if name.startswith("."):
                out.append(Entry(path, show(path), show(sub), "hidden folder" if path.is_dir() else "hidden file"))
                continue
            try:
                st = path.stat()
            except OSError as exc:
                out.append(Entry(path, show(path), show(sub), _why_stat(path, exc)))
                continue
            is_dir = stat.S_ISDIR(st.st_mode)
            if is_dir and is_link:
                links.append((path, sub, here_above))
            elif is_dir:
                key = (st.st_dev, st.st_ino)
                if key in visited:  # a bind mount or hard-linked folder seen before
                    out.append(Entry(path, show(path), show(sub), f"same folder as {visited[key]}, read there"))
                    continue
                visited[key] = show(path)
                stack.append((path, sub, here_above | {key}))
            else:
                reason = _not_regular(st.st_mode)
                out.append(Entry(path, show(path), show(sub), reason))


def _not_regular(mode: int) -> str:
    """Empty for a regular file, else why it is not read."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISFIFO(mode):
        return "named pipe, not a regular file"
    if stat.S_ISSOCK(mode):
        return "socket, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device file, not a regular file"
    return "not a regular file"


def _why_stat(path: Path, exc: OSError) -> str:
    if path.is_symlink() and isinstance(exc, FileNotFoundError):
        return "broken symbolic link"
    return f"cannot read: {_why(exc)}"


def _why(exc: OSError) -> str:
    """The system's reason, in lower case and on one line (``permission denied``)."""
    return " ".join((exc.strerror or str(exc)).lower().split())
