"""Traditional Chinese against simplified: the sample corpus and its gold, both converted
to traditional characters, scored beside the simplified originals in one run.

Usage (from the repository root)::

    python3 bench/traditional.py              # OpenCC s2hk (Hong Kong characters)
    python3 bench/traditional.py --config s2twp  # Taiwan characters

The corpus texts and every name in the gold (names, aliases, heads, tails) are converted
with the same OpenCC configuration; the build reads the converted texts through its
simplified view (kg.extract.script). The target is that entity and relation F1 on the
traditional copy stay within 0.03 of the simplified corpus.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def convert_gold(src: Path, dest: Path, conv) -> None:
    with src.open(encoding="utf-8") as f, dest.open("w", encoding="utf-8") as out:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            for e in rec.get("entities", []):
                e["name"] = conv(e["name"])
                e["aliases"] = [conv(a) for a in e.get("aliases") or []]
            for r in rec.get("relations", []):
                r["head"], r["tail"] = conv(r["head"]), conv(r["tail"])
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def score(gold: list[Path], pred: Path, scorer: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(scorer), *map(str, gold), "--pred", str(pred), "--json"],
        check=True, capture_output=True, text=True, encoding="utf-8",
    ).stdout
    return json.loads([ln for ln in out.splitlines() if ln.strip()][-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default="s2hk", help="OpenCC configuration (default s2hk)")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args()
    import opencc

    conv = opencc.OpenCC(args.config).convert
    scorer = args.shared / "eval" / "score.py"
    golds = sorted((args.shared / "eval" / "gold").glob("*.jsonl"))
    corpus = REPO / "data" / "corpus"
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "corpus").mkdir()
        for p in sorted(corpus.iterdir()):
            (t / "corpus" / p.name).write_text(conv(p.read_text(encoding="utf-8")), encoding="utf-8")
        tgold = []
        for g in golds:
            convert_gold(g, t / g.name, conv)
            tgold.append(t / g.name)
        rows = []
        for label, inputs, gold in (("simplified", corpus, golds), (f"traditional ({args.config})", t / "corpus", tgold)):
            out = t / label.split()[0]
            subprocess.run([sys.executable, "-m", "kg", "build", str(inputs), "-o", str(out), "-q"],
                           check=True, cwd=REPO)
            report = score(gold, out / "documents.jsonl", scorer)
            rows.append((label, report))
    print(f"{'corpus':<26} {'entity F1':>10} {'relation F1':>12}")
    for label, report in rows:
        print(f"{label:<26} {report['entity_typed']['f']:>10.3f} {report['relation_typed']['f']:>12.3f}")
    (_s, rs), (_t, rt) = rows
    de = rt["entity_typed"]["f"] - rs["entity_typed"]["f"]
    dr = rt["relation_typed"]["f"] - rs["relation_typed"]["f"]
    print(f"{'difference':<26} {de:>+10.3f} {dr:>+12.3f}   (target: within 0.03)")


if __name__ == "__main__":
    main()
