"""Build the two compact thesauri shipped in ``src/unspin/data``.

* ``thesaurus_mythes.tsv.gz`` from Debian's ``mythes-en-us`` (the LibreOffice
  English thesaurus, ``th_en_US_v2.dat``): synonyms *and* broader terms of every
  sense, as a sense-blind article spinner uses them (war -> struggle).
* ``thesaurus_wordnet.tsv.gz`` from Debian's ``wordnet-base`` (Princeton
  WordNet 3.0, ``data.{noun,verb,adj,adv}`` and ``verb.exc``/``noun.exc``):
  the lemmas of the same synsets only, ordered by WordNet's sense counts.

Both files are keyed by *surface form*: the inflections are expanded here, at
build time ("said" -> "stated|told|…", "houses" -> "homes|…"), so that the
package needs no morphology at run time. Each file starts with a one-line JSON
header (format, version, source, licence) and holds ``form<TAB>syn|syn|…``
lines, sorted. Only common words (wordfreq) are kept, so each file stays well
under a megabyte compressed.

Usage (downloads the two .deb files with apt-get unless paths are given):
    python scripts/build_thesauri.py [--debs DIR] [-o src/unspin/data]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "unspin" / "data"

MIN_HEAD_ZIPF = 2.5  # the head must be a word news text uses
MIN_SYN_ZIPF = 1.5  # every word of a synonym must exist in running text
MAX_SYN_WORDS = 3
MAX_SYNS = 16
POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
VOWELS = frozenset("aeiou")

MYTHES_LICENCE = (
    "Derived from mythes-en-us (LibreOffice th_en_US_v2, itself derived from Princeton "
    "WordNet). Copyright 2000-2018 Kevin Atkinson and the LibreOffice project; permission "
    "to use, copy, modify, distribute and sell granted without fee provided the copyright "
    "and permission notice appear in all copies (Debian copyright file, 'custom0'). "
    "See NOTICE."
)
WORDNET_LICENCE = (
    "Derived from Princeton WordNet 3.0 (Debian wordnet-base). WordNet 3.0 Copyright 2006 "
    "by Princeton University. All rights reserved. Used under the WordNet 3.0 licence; "
    "see NOTICE."
)


def fetch_debs(target: Path) -> Path:
    """Download and unpack ``mythes-en-us`` and ``wordnet-base`` with apt-get."""
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(["apt-get", "download", "mythes-en-us", "wordnet-base"], cwd=target, check=True)
    tree = target / "tree"
    for deb in target.glob("*.deb"):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(tree)], check=True)
    return tree / "usr" / "share"


# -- inflection ---------------------------------------------------------------


def _z(word: str) -> float:
    return zipf_frequency(word, "en")


def _suffix_s(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def _best(options: Iterable[str]) -> str | None:
    ranked = sorted({o for o in options if _z(o) >= 1.0}, key=_z, reverse=True)
    return ranked[0] if ranked else None


def _suffix_ed_ing(word: str) -> tuple[str | None, str | None]:
    if word.endswith("e") and not word.endswith("ee"):
        stems_ing = [word[:-1], word]
        stems_ed = [word[:-1]]
    else:
        stems_ing = [word]
        stems_ed = [word]
    if len(word) > 2 and word[-1] not in VOWELS | {"w", "x", "y"} and word[-2] in VOWELS:
        stems_ing.append(word + word[-1])
        stems_ed.append(word + word[-1])
    if word.endswith("y") and len(word) > 1 and word[-2] not in VOWELS:
        stems_ed = [word[:-1] + "i"]
    return _best(s + "ed" for s in stems_ed), _best(s + "ing" for s in stems_ing)


class Inflector:
    """Regular rules checked against wordfreq, WordNet's exception lists first."""

    def __init__(self, wordnet: Path) -> None:
        self.irregular: dict[tuple[str, str], list[str]] = defaultdict(list)
        for pos, name in (("v", "verb.exc"), ("n", "noun.exc")):
            for line in (wordnet / name).read_text(encoding="latin-1").splitlines():
                parts = line.split()
                if len(parts) >= 2 and "_" not in parts[0]:
                    self.irregular[(pos, parts[1])].append(parts[0])

    def forms(self, lemma: str, pos: str) -> dict[str, list[str]]:
        """Slot -> surface forms of a single-word lemma (base first)."""
        out: dict[str, list[str]] = {"base": [lemma]}
        irregular = [f for f in self.irregular.get((pos, lemma), []) if _z(f) >= 1.0]
        if pos == "n":
            plural = irregular or ([p] if _z(p := _suffix_s(lemma)) >= 1.0 else [])
            if plural:
                out["plural"] = plural
        elif pos == "v":
            third = _suffix_s(lemma)
            if _z(third) >= 1.0:
                out["3sg"] = [third]
            ed, ing = _suffix_ed_ing(lemma)
            past = [f for f in irregular if not f.endswith("ing") and not f.endswith("s")]
            past = past or ([ed] if ed else [])
            if past:
                out["past"] = past
            if ing:
                out["ing"] = [ing]
        return out

    def inflect(self, phrase: str, pos: str, slot: str) -> str | None:
        """A synonym phrase in the given slot: verbs inflect the first word, nouns the last."""
        if slot == "base":
            return phrase
        words = phrase.split(" ")
        index = 0 if pos == "v" else len(words) - 1
        forms = self.forms(words[index], pos).get(slot)
        if not forms:
            return None
        words[index] = forms[0]
        return " ".join(words)


# -- readers ------------------------------------------------------------------


def read_mythes(path: Path) -> dict[tuple[str, str], list[str]]:
    """(lemma, pos) -> synonyms and broader terms, in file order, antonyms dropped."""
    senses: dict[tuple[str, str], list[str]] = defaultdict(list)
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    i = 0
    while i < len(lines):
        head, _, count = lines[i].partition("|")
        n = int(count)
        for line in lines[i + 1 : i + 1 + n]:
            fields = line.split("|")
            pos = POS.get(fields[0].strip("()"))
            if pos is None:
                continue
            for syn in fields[1:]:
                if syn.endswith("(antonym)"):
                    continue
                syn = syn.split(" (")[0].strip()
                if syn and syn != head:
                    senses[(head, pos)].append(syn)
        i += n + 1
    return senses


def read_wordnet(wordnet: Path) -> dict[tuple[str, str], list[str]]:
    """(lemma, pos) -> lemmas sharing a synset, most frequent senses first (index order)."""
    out: dict[tuple[str, str], list[str]] = {}
    for name, pos in (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")):
        synsets: dict[str, list[str]] = {}
        for line in (wordnet / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split(" ")
            count = int(fields[3], 16)
            synsets[fields[0]] = [
                fields[4 + 2 * k].split("(")[0].replace("_", " ") for k in range(count)
            ]
        for line in (wordnet / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split(" ")
            lemma = fields[0].replace("_", " ")
            n_synsets, n_pointers = int(fields[2]), int(fields[3])
            offsets = fields[6 + n_pointers : 6 + n_pointers + n_synsets]
            out[(lemma, pos)] = [
                other for offset in offsets for other in synsets.get(offset, []) if other != lemma
            ]
    return out


# -- build --------------------------------------------------------------------


def _ok_synonym(phrase: str) -> bool:
    words = phrase.split(" ")
    return (
        len(words) <= MAX_SYN_WORDS
        and len(phrase) >= 3  # no letters or roman numerals: "one" -> "i"
        and not set(phrase) <= set("ivxlcdm")
        and phrase == phrase.lower()
        and all(w.isalpha() and _z(w) >= MIN_SYN_ZIPF for w in words)
    )


def surface_entries(
    senses: dict[tuple[str, str], list[str]], inflector: Inflector
) -> dict[str, list[str]]:
    out: dict[str, dict[str, None]] = defaultdict(dict)
    heads = []
    for (lemma, pos), synonyms in senses.items():
        if " " in lemma or not lemma.isalpha() or lemma != lemma.lower():
            continue
        if _z(lemma) < MIN_HEAD_ZIPF:
            continue
        good = [s for s in dict.fromkeys(synonyms) if _ok_synonym(s)]
        if good:
            heads.append((lemma, pos, good, inflector.forms(lemma, pos)))
    # A word's own senses come before those of words it inflects: "ground"
    # (noun) before "ground" (past of grind).
    for base_first in (True, False):
        for _lemma, pos, good, slots in heads:
            for slot, forms in slots.items():
                if (slot == "base") != base_first:
                    continue
                for form in forms:
                    for syn in good:
                        inflected = inflector.inflect(syn, pos, slot)
                        if inflected and inflected != form:
                            out[form][inflected] = None
    return {form: list(syns)[:MAX_SYNS] for form, syns in out.items()}


def write(path: Path, entries: dict[str, list[str]], header: dict[str, object]) -> None:
    header = {"format": "unspin-thesaurus", "version": 1, **header, "entries": len(entries)}
    lines = [json.dumps(header, sort_keys=True)]
    lines += [f"{form}\t{'|'.join(syns)}" for form, syns in sorted(entries.items())]
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{path}: {len(entries):,} forms, {path.stat().st_size / 1024:.0f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--share", type=Path, help="an unpacked usr/share holding mythes/ and wordnet/"
    )
    parser.add_argument("-o", "--out", type=Path, default=OUT)
    args = parser.parse_args()
    share = args.share or fetch_debs(Path(tempfile.mkdtemp(prefix="unspin-debs-")))
    inflector = Inflector(share / "wordnet")
    write(
        args.out / "thesaurus_mythes.tsv.gz",
        surface_entries(read_mythes(share / "mythes" / "th_en_US_v2.dat"), inflector),
        {"name": "mythes", "source": "Debian mythes-en-us 1:7.5.0-1", "licence": MYTHES_LICENCE},
    )
    write(
        args.out / "thesaurus_wordnet.tsv.gz",
        surface_entries(read_wordnet(share / "wordnet"), inflector),
        {"name": "wordnet", "source": "Debian wordnet-base 1:3.0-37", "licence": WORDNET_LICENCE},
    )


if __name__ == "__main__":
    main()
