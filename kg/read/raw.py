"""A file's bytes and their decoding.

Bytes: a file starting with the gzip magic bytes is decompressed as it is read, chunk by
chunk, never more than the cap (``max_input_bytes``) plus one byte, so a small archive
that expands to gigabytes costs no more than the cap. A cut stream (a truncated or
corrupt archive, or data over the cap) keeps what came before the cut; ``Raw.cut`` says
why it stops, and the readers mark the file ``partial``.

Text: the first rule that fits decides.

1. a UTF-16 byte order mark, or NUL bytes standing almost all on one side of the
   character pairs (UTF-16 text without a mark): UTF-16, if the result looks like text
   (at most 1 % private-use, unassigned or control characters);
2. NUL bytes or many control characters: an error (``binary file, not text``);
3. UTF-8 (a BOM is dropped), then GB18030 (which covers GBK and GB2312), each first
   strictly, then with the bad bytes replaced by U+FFFD when they are few: at most 2 % of
   the bytes, and for UTF-8 at most a tenth of the non-ASCII bytes, since GB18030 text
   read as UTF-8 fails on most of its non-ASCII bytes while a damaged UTF-8 file fails on
   a few. UTF-8 with a few bad bytes is tried before strict GB18030 because UTF-8 Chinese
   often decodes as GB18030 without error, into nonsense. GB18030 with bad bytes must also
   look like text (at most 1 % private-use, unassigned or control characters): random
   high bytes decode as GB18030 almost without error.
4. anything else is an error naming the share of bad bytes.

The number of replaced bytes is returned so the file can be marked ``partial``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

__all__ = ["Raw", "decode", "human_size", "is_binary", "read_raw"]

GZIP_MAGIC = b"\x1f\x8b"
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
#: Control bytes that do not occur in text (tab, newlines, form feed and ESC are allowed).
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0E, 0x0F, *range(0x10, 0x1B), *range(0x1C, 0x20)])
_SAMPLE = 1 << 16
_BINARY_CONTROL_SHARE = 0.05
_CHUNK = 1 << 20
#: Compressed bytes fed at a time to find what comes before a corrupt spot.
_SALVAGE_STEP = 256
#: Bad bytes a text may have and still be read (their share of all bytes) ...
MAX_BAD_SHARE = 0.02
#: ... and, for UTF-8, their share of the non-ASCII bytes.
MAX_BAD_UTF8_SHARE = 0.1
#: UTF-16 without a byte order mark: the share of NUL bytes on one side of the pairs (the
#: high byte of ASCII characters; the few CJK characters ending in 00, such as 开, fall on
#: the other side).
_NUL_SIDE_SHARE = 0.75
#: Characters of decoded text that may be unassigned, private, surrogates or controls
#: (UTF-16 without a mark, or GB18030 with bad bytes).
_MAX_ODD_SHARE = 0.01
_ESCAPED_RE = re.compile("[\udc80-\udcff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Raw:
    """The bytes of a file: ``cut`` is empty, or says why they stop before its end."""

    data: bytes
    gzipped: bool = False
    cut: str = ""


def human_size(n: int) -> str:
    """``1 GiB``, ``1.5 MiB``, ``1000 bytes``: a size as a person reads it.

    >>> human_size(1 << 30), human_size(3 << 19), human_size(1000)
    ('1 GiB', '1.5 MiB', '1000 bytes')
    """
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return f"{n / size:.4g} {unit}"
    return f"{n} bytes"


def read_raw(path: Path, shown: str, cap: int) -> Raw:
    """The bytes of ``path`` (decompressed if gzip), at most ``cap`` of them.

    Raises:
        InputError: a gzip stream that is corrupt before any content; binary content seen
            in the first block of a gzip stream (it is not read further).
        OSError: the file cannot be read.
    """
    with open(path, "rb") as f:
        head = f.read(2)
        if head != GZIP_MAGIC:
            data = head + f.read(cap + 1 - len(head)) if cap >= len(head) else head
            if len(data) > cap:
                return Raw(data[:cap], False, f"larger than max_input_bytes ({human_size(cap)}): only the first "
                           f"{human_size(cap)} read")
            return Raw(data)
        return _gunzip(f, head, shown, cap)


def _gunzip(f, head: bytes, shown: str, cap: int) -> Raw:
    """Decompress an open gzip file chunk by chunk; several members are read in turn."""
    parts: list[bytes] = []
    size = 0
    checked = False
    d = zlib.decompressobj(wbits=31)
    data = head
    cut = broken = ""
    while True:
        if not data:
            data = f.read(_CHUNK)
            if not data:
                if not d.eof:
                    parts.append(d.flush()[: max(0, cap - size)])
                    broken = "unexpected end of gzip data (truncated file)"
                break
        if d.eof:  # a member ended: another one follows, or padding, or junk
            if len(data) < len(GZIP_MAGIC) and (more := f.read(_CHUNK)):
                data += more
                continue
            if not data.startswith(GZIP_MAGIC):
                if data.strip(b"\x00"):  # zero padding after the last member is usual
                    cut = "data after the end of the gzip stream ignored"
                break
            d = zlib.decompressobj(wbits=31)
        saved = d.copy()
        try:
            piece = d.decompress(data, cap + 1 - size)
        except zlib.error as exc:
            broken = f"corrupt gzip data: {' '.join(str(exc).split())}"
            parts.append(_salvage(saved, data, cap + 1 - size))
            break
        parts.append(piece)
        size += len(piece)
        if not checked and (size >= _SAMPLE or d.eof):
            checked = True
            if is_binary(b"".join(parts)[:_SAMPLE]):
                raise InputError(shown, "binary file, not text (in gzip data)")
        if size > cap:
            cut = (f"decompressed data larger than max_input_bytes ({human_size(cap)}): only the first "
                   f"{human_size(cap)} read")
            break
        data = d.unused_data if d.eof else d.unconsumed_tail
    out = b"".join(parts)[:cap]
    if broken and not out:
        raise InputError(shown, broken if broken.startswith("corrupt") else
                         "corrupt gzip data: the stream ends before any content")
    return Raw(out, True, broken or cut)


def _salvage(d, data: bytes, limit: int) -> bytes:
    """What a stream gives before the corrupt spot: fed in small steps, since a failing
    call returns nothing of what it decompressed."""
    out: list[bytes] = []
    for start in range(0, len(data), _SALVAGE_STEP):
        try:
            out.append(d.decompress(data[start : start + _SALVAGE_STEP], max(1, limit)))
        except zlib.error:
            break
        limit -= len(out[-1])
        if limit <= 0 or d.eof:
            break
    return b"".join(out)


def is_binary(raw: bytes) -> bool:
    """NUL bytes, or more than 5 % control bytes, in the first 64 KiB."""
    sample = raw[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _BINARY_CONTROL_SHARE * len(sample)


def decode(raw: bytes, shown: str, *, cut: bool = False) -> tuple[str, str, int]:
    """``(text, encoding, number of bad bytes replaced by U+FFFD)`` of a file's bytes.

    Args:
        raw: The bytes.
        shown: The file, for error messages.
        cut: The bytes stop before the file's end: an incomplete character at the end is
            dropped, not counted as bad.

    Raises:
        InputError: binary content, or too many bytes that decode in no encoding tried.
    """
    utf16 = _utf16(raw, cut)
    if utf16 is not None:
        return utf16
    if is_binary(raw):
        raise InputError(shown, "binary file, not text")
    if raw.startswith(_UTF8_BOM):
        body = raw[len(_UTF8_BOM) :]
        text, bad = _lenient(body, "utf-8", cut)
        if bad <= MAX_BAD_SHARE * len(body):
            return text, "utf-8-sig", bad
        raise InputError(shown, f"cannot decode as UTF-8 despite its byte order mark: {_share(bad, len(body))}")
    text, bad = _lenient(raw, "utf-8", cut)
    if not bad:
        return text, "utf-8", 0
    non_ascii = len(raw) - len(raw.translate(None, bytes(range(0x80, 0x100))))
    if bad <= MAX_BAD_SHARE * len(raw) and bad <= MAX_BAD_UTF8_SHARE * non_ascii:
        return text, "utf-8", bad
    utf8_bad = bad
    big5 = _big5(raw, cut)
    if big5 is not None:
        return big5, "big5hkscs", 0
    text, bad = _lenient(raw, "gb18030", cut)
    # nearly any run of high bytes decodes as GB18030; with bad bytes about, the result must
    # also look like text (random bytes give many private-use characters)
    if not bad or (bad <= MAX_BAD_SHARE * len(raw) and _looks_like_text(text)):
        return text, "gb18030", bad
    worst = min(utf8_bad, bad)
    raise InputError(shown, f"cannot decode as UTF-8 or GB18030: {_share(worst, len(raw))}")


#: Fewer non-ASCII bytes than this (about 100 Chinese characters) are too few to tell Big5
#: from GB18030.
_BIG5_MIN_BYTES = 200


def _big5(raw: bytes, cut: bool) -> str | None:
    """The text of Big5 (HKSCS) bytes, the legacy encoding of Hong Kong and Taiwan papers,
    or None. Most Big5 byte pairs are also valid GB18030, where they read as nonsense
    without one error, so when the bytes decode as Big5 without error the choice between
    the two is left to charset-normalizer's language model (it settles a few hundred bytes
    either way; a shorter or undecided sample stays GB18030, the mainland default: on a few
    characters the model guesses, and took GB18030 太谷区。 for Big5)."""
    high = len(raw) - len(raw.translate(None, bytes(range(0x80, 0x100))))
    if high < _BIG5_MIN_BYTES:
        return None
    text, bad = _lenient(raw, "big5hkscs", cut)
    if bad:
        return None
    import charset_normalizer

    best = charset_normalizer.from_bytes(raw[:_SAMPLE], cp_isolation=["gb18030", "big5hkscs", "big5"]).best()
    return text if best is not None and best.encoding in ("big5", "big5hkscs") else None


def _share(bad: int, total: int) -> str:
    return f"{bad} of {total} bytes invalid"


def _lenient(raw: bytes, encoding: str, cut: bool) -> tuple[str, int]:
    """Decode with each bad byte replaced by U+FFFD; the number replaced.

    Bad bytes are first kept as lone surrogates (``surrogateescape``), which no valid
    decoding produces, then counted and replaced in one pass.
    """
    try:  # the usual case, without the pass that counts
        return codecs.getincrementaldecoder(encoding)("strict").decode(raw, final=not cut), 0
    except UnicodeDecodeError:
        pass
    text = codecs.getincrementaldecoder(encoding)("surrogateescape").decode(raw, final=not cut)
    return _ESCAPED_RE.subn("\ufffd", text)


def _utf16(raw: bytes, cut: bool) -> tuple[str, str, int] | None:
    """UTF-16 text with a byte order mark, or without one when its NUL bytes tell."""
    for bom, encoding in _UTF16_BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]
            break
    else:
        sample = raw[:_SAMPLE]
        nuls = sample.count(0)
        if nuls < 2:
            return None
        odd = sample[1::2].count(0)
        if odd >= _NUL_SIDE_SHARE * nuls:
            encoding = "utf-16-le"  # ASCII characters end in a NUL byte
        elif nuls - odd >= _NUL_SIDE_SHARE * nuls:
            encoding = "utf-16-be"
        else:
            return None
        body = raw
    bad = 0
    if len(body) % 2:
        body = body[:-1]
        bad += 0 if cut else 1
    text = body.decode(encoding, "surrogatepass")
    if cut and text and "\ud800" <= text[-1] <= "\udbff":
        text = text[:-1]  # the first half of a pair cut at the end
    text, lone = _SURROGATE_RE.subn("\ufffd", text)
    bad += 2 * lone
    if not _looks_like_text(text):
        return None
    return text.removeprefix("\ufeff"), encoding, bad


def _looks_like_text(text: str) -> bool:
    """Few unassigned, private-use or control characters: decoded bytes that are text."""
    sample = text[:_SAMPLE]
    if not sample.strip():
        return False
    odd = 0
    for char in sample:
        category = unicodedata.category(char)
        if category in ("Cn", "Co", "Cs") or (category == "Cc" and char not in "\t\n\r\x0c\x1b"):
            odd += 1
    return odd <= _MAX_ODD_SHARE * len(sample)
