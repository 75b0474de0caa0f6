"""Reading inputs: files and folders to cleaned documents, one concern a module.

- :mod:`kg.read.inputs`: the public functions (``read_inputs``, ``read_file``) that put
  the parts together;
- :mod:`kg.read.text`: cleaning and PDF line breaks, naming the functions of
  :mod:`kg.read.furniture` (page furniture) and :mod:`kg.read.sentences` (sentences and
  sections) as well;
- :mod:`kg.read.dates`: publication dates written in the text;

- :mod:`kg.read.walk`: walking input folders, and file names shown safely;
- :mod:`kg.read.raw`: a file's bytes (gzip read incrementally, with a size cap) and their
  decoding;
- :mod:`kg.read.records`: JSON lines, JSON and CSV/TSV files as records, with field mapping
  (the formats read in :mod:`kg.read.record_json` and :mod:`kg.read.record_csv`, what they
  share in :mod:`kg.read.record_fields`);
- :mod:`kg.read.markup`: front matter, HTML and Markdown bodies, dates in metadata;
- :mod:`kg.read.ids`: document ids unique across a corpus.

"""
