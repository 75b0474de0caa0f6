"""The parts of :mod:`kg.readers`, one concern a module.

- :mod:`kg.read.walk`: walking input folders, and file names shown safely;
- :mod:`kg.read.raw`: a file's bytes (gzip read incrementally, with a size cap) and their
  decoding;
- :mod:`kg.read.records`: JSON lines, JSON and CSV/TSV files as records, with field mapping;
- :mod:`kg.read.markup`: front matter, HTML and Markdown bodies, dates in metadata;
- :mod:`kg.read.ids`: document ids unique across a corpus.

:mod:`kg.readers` puts them together; the public functions live there.
"""
