"""Where the data comes from: kg's own data folder, an overlay folder (``--data-dir``)
and user dictionaries (``--user-dict``).

An overlay folder holds only the files a user changes, laid out as kg's data folder is
(``lexicon/entities.tsv``, ``rules/relations.toml`` …); every file it lacks comes from
kg's own data. What a file present in the overlay does depends on its kind:

- **Tables and word lists extend** the built-in file (``gazetteer/*.tsv``,
  ``lexicon/*.tsv``, ``lexicon/*.txt``). Each of them lists independent facts — a place,
  a company, a surname — and the usual change is a few more of them, which should not
  mean copying thousands of rows. A row whose key (adcode, place id, entity name,
  abbreviation, domain) the built-in file has already replaces that row, so a copied
  and edited file works as well as a short one; a word list adds its words.
- **Rules files replace** the built-in file (``rules/suffixes.tsv``,
  ``rules/relations.toml``, ``rules/entities.toml``). Rules work as a set: relation rules
  are tried in order and checked together by their examples, and the usual change is to
  correct or remove a rule that misfires, which extending could never do. To change one
  rule, copy the file and edit it.

A file of the overlay that kg does not read (a misspelt name, a data file at the top
of the folder instead of under ``lexicon/``) is an error rather than silently unused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ResourceError

#: Every data file kg reads, relative to the data folder, and what an overlay's copy does.
RESOURCE_FILES: dict[str, str] = {
    "gazetteer/cn_divisions.tsv": "extend",
    "gazetteer/cn_current_names.tsv": "extend",
    "gazetteer/world.tsv": "extend",
    "gazetteer/abbreviations.tsv": "extend",
    "lexicon/entities.tsv": "extend",
    "lexicon/clubs.tsv": "extend",
    "lexicon/companies.tsv": "extend",
    "lexicon/domains.tsv": "extend",
    "lexicon/surnames.txt": "extend",
    "lexicon/titles.txt": "extend",
    "lexicon/title_prefixes.txt": "extend",
    "lexicon/person_stop.txt": "extend",
    "lexicon/translit_chars.txt": "extend",
    "lexicon/not_entities.txt": "extend",
    "lexicon/industry_words.txt": "extend",
    "lexicon/bare_bodies.txt": "extend",
    "lexicon/regional_bodies.txt": "extend",
    "lexicon/epithets.txt": "extend",
    "lexicon/international_bodies.txt": "extend",
    "lexicon/holidays.tsv": "extend",
    "lexicon/short_forms.tsv": "extend",
    "rules/suffixes.tsv": "replace",
    "rules/relations.toml": "replace",
    "rules/entities.toml": "replace",
}
#: Folders of the data that hold the files above; other folders of an overlay (a copied
#: corpus/ or queries/) are not looked at.
_RESOURCE_FOLDERS = ("gazetteer", "lexicon", "rules")


@dataclass(frozen=True, slots=True)
class DataSource:
    """What :func:`kg.resources.load_resources` loads on top of kg's own data: an overlay
    folder ("" for none) and user dictionaries, as resolved paths. It is small and
    picklable, so worker processes load the same resources from it."""

    overlay: str = ""
    user_dicts: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        data_dir: str | Path | DataSource | None = None,
        user_dicts: tuple[str | Path, ...] | str | Path = (),
    ) -> DataSource:
        """The source of ``data_dir`` (a folder, a source or None) with ``user_dicts`` added
        (a path, several, or ""/() for none); a dictionary named twice is loaded once."""
        base = (
            data_dir
            if isinstance(data_dir, DataSource)
            else DataSource(_resolved(data_dir) if data_dir else "")
        )
        extra = (user_dicts,) if isinstance(user_dicts, str | Path) else tuple(user_dicts)
        dicts = tuple(dict.fromkeys((*base.user_dicts, *(_resolved(p) for p in extra if str(p)))))
        return DataSource(base.overlay, dicts)

    def __fspath__(self) -> str:
        """As a path, a source is kg's own data folder it lays its files on: code that
        reads a data file by ``Resources.data_dir`` gets the built-in file (a source took
        the place of the folder string that attribute held before overlays)."""
        from kg.resources import default_data_dir

        return str(default_data_dir().resolve())

    def extending(self, builtin: Path, rel: str) -> list[Path]:
        """The files of a table or word list, the built-in one first."""
        own = self._own(rel)
        return [builtin / rel, *([own] if own else [])]

    def replacing(self, builtin: Path, rel: str) -> Path:
        """The file of a rules file: the overlay's if it has one, else the built-in one."""
        return self._own(rel) or builtin / rel

    def _own(self, rel: str) -> Path | None:
        if not self.overlay:
            return None
        p = Path(self.overlay) / rel
        return p if p.is_file() else None


def _resolved(p: str | Path) -> str:
    return str(Path(p).expanduser().resolve())


def check_overlay(folder: Path) -> list[str]:
    """The data files ``folder`` holds (paths relative to it, sorted); a file kg would not
    read is a ``ResourceError`` naming it, and so is a folder with no data file at all."""
    if not folder.is_dir():
        raise ResourceError(f"{folder}: not a folder")
    names = {rel.rsplit("/", 1)[1]: rel for rel in RESOURCE_FILES}
    found = []
    for p in sorted(folder.iterdir()):
        if p.is_file() and p.name in names:
            raise ResourceError(
                f"{p}: kg reads this file only as {names[p.name]} of the data folder; move it there"
            )
    for sub in _RESOURCE_FOLDERS:
        if not (folder / sub).is_dir():
            continue
        for p in sorted((folder / sub).rglob("*")):
            rel = p.relative_to(folder).as_posix()
            if p.is_dir() or any(part.startswith(".") for part in p.relative_to(folder).parts):
                continue  # editors' and file managers' hidden files
            if rel in RESOURCE_FILES:
                found.append(rel)
            elif not _is_builtin_file(rel):
                known = ", ".join(r for r in RESOURCE_FILES if r.startswith(sub + "/"))
                raise ResourceError(f"{p}: kg reads no such data file (the files of {sub}/ are {known})")
    if not found:
        raise ResourceError(f"{folder}: holds none of kg's data files (such as lexicon/entities.tsv)")
    return found


def _is_builtin_file(rel: str) -> bool:
    """True for a file kg's own data folder has but kg does not read at run time (the
    curated input of scripts/build_gazetteers.py): a full copy of data/ brings it along."""
    from kg.resources import default_data_dir

    return (default_data_dir() / rel).is_file()


def fingerprint(source: DataSource, overlay_files: list[str]) -> str:
    """A hash of what ``source`` adds to kg's data: the overlay's data files and the user
    dictionaries, by path and content. Resources are cached under it, so an edited file
    is read again rather than served from the cache."""
    h = hashlib.sha256()
    for rel in overlay_files:
        h.update(f"overlay:{rel}\0".encode())
        h.update(_read_bytes(Path(source.overlay) / rel))
    for path in source.user_dicts:
        h.update(f"user_dict:{path}\0".encode())
        h.update(_read_bytes(Path(path)))
    return h.hexdigest()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise ResourceError(f"{path}: cannot read: {e.strerror or e}") from e
