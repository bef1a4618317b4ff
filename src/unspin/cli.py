"""The ``unspin`` command line: restore, learn, detect, bench, clean, pairs, spin.

Composes the public stages and adds no logic of its own. Results go to stdout
(or ``-o``), errors and progress to stderr; a failure exits non-zero.

    unspin restore FILE|- [--table T] [--reference R] [--explain] [-o OUT]
    unspin learn PAIRS.jsonl [--base default|T] [--contexts 1|2|0] -o TABLE [--explain]
    unspin learn --unpaired SPUN... [--open] [--rounds N] [--field text] [--base none|T] [--jobs N] -o TABLE
    unspin detect FILE|- [--reference R] [--table T]
    unspin bench PAIRS.jsonl [--table T] [--learn-split F | --learn TRAIN.jsonl] [--format text|json]
    unspin clean INPUT... -o OUT.jsonl [--learn [--open] [--rounds N]] [--field text] [--jobs N]
    unspin pairs SPUN CLEAN -o PAIRS.jsonl [--field text] [--id-field id]
    unspin spin INPUT... -o PAIRS.jsonl [--spinner mythes|wordnet] [--seed N] [--gold]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from . import __version__
from .bench import SYSTEMS, run_bench
from .clean import CleanError, CorpusTexts, clean_corpus, iter_records
from .consider import why_lines
from .crawl import clean_reference, learn_corpus, learn_in_workers
from .detect import detect
from .learn import learn, new_pairs, observe
from .restore import Options, restore_and_explain
from .table import Entry, Table, TableFormatError
from .tokenize import Split
from .unpaired import Round
from .verdict import Verdict, stage

__all__ = ["main"]


class CLIError(Exception):
    """A user error: printed on stderr as ``unspin: error: ...`` with exit 2."""


def _read_text(path: str, what: str = "input") -> str:
    """Read UTF-8 text from a file or ``-`` (stdin), with a clear error."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise CLIError(f"{what} file {path!r} does not exist") from None
    except OSError as exc:
        raise CLIError(f"cannot read {what} file {path!r}: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CLIError(
            f"{what} {path!r} is not valid UTF-8 (byte {exc.start}); convert it first, "
            "e.g. iconv -f latin1 -t utf-8"
        ) from None


def _positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return n


def _load_table(spec: str | None) -> Table:
    if spec is None or spec == "default":
        return Table.default()
    try:
        return Table.load(spec)
    except FileNotFoundError:
        raise CLIError(f"table file {spec!r} does not exist") from None
    except TableFormatError as exc:
        raise CLIError(str(exc)) from None


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """The output file (closed afterwards), or stdout for ``None`` / ``-``."""
    if path is None or path == "-":
        yield sys.stdout
        return
    try:
        fh = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise CLIError(f"cannot write {path!r}: {exc.strerror}") from None
    with fh:
        yield fh


def _add_knobs(p: argparse.ArgumentParser) -> None:
    """The precision/recall knobs of :class:`unspin.Options` most users tune."""
    default = Options()
    p.add_argument(
        "--threshold",
        type=float,
        default=default.threshold,
        help="minimum probability of an edit in a spun document, 0-1; raise for precision "
        f"(default {default.threshold})",
    )
    p.add_argument(
        "--prior",
        type=float,
        default=default.prior,
        help="log-odds that a document is spun before its evidence; lower it to leave more "
        f"documents alone (default {default.prior})",
    )


def _options(args: argparse.Namespace) -> Options:
    try:
        return Options(threshold=args.threshold, prior=args.prior)
    except ValueError as exc:
        raise CLIError(str(exc)) from None


def _cmd_restore(args: argparse.Namespace) -> int:
    text = _read_text(args.input)
    reference = _read_text(args.reference, "reference") if args.reference else None
    table, options = _load_table(args.table), _options(args)
    if args.why and args.reference:  # errors before any output
        raise CLIError("--why explains restoration without --reference")
    if any(not Split(phrase).norms for phrase in args.why):
        raise CLIError("--why needs a word or phrase")
    result = restore_and_explain(text, table=table, reference=reference, options=options)
    with _output(args.output) as out:
        if args.explain:
            json.dump(
                {"text": result.text, "edits": [e._asdict() for e in result.edits]},
                out,
                ensure_ascii=False,
                indent=1,
            )
            out.write("\n")
        else:
            out.write(result.text)
    print(f"unspin: {len(result.edits)} edits", file=sys.stderr)
    if args.why:
        for line in why_lines(text, args.why, table=table, options=options, edits=result.edits):
            print(f"unspin: why {line}", file=sys.stderr)
    return 0


def _iter_pairs(path: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Good pairs and one message per bad line (nothing is dropped silently)."""
    text = _read_text(path, "pairs")
    pairs, bad = [], []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append(f"{path}:{lineno}: invalid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            bad.append(f"{path}:{lineno}: expected an object with 'spun' and 'clean'")
            continue
        spun, clean = record.get("spun"), record.get("clean")
        if not isinstance(spun, str) or not isinstance(clean, str):
            bad.append(f"{path}:{lineno}: 'spun' and 'clean' must both be strings")
            continue
        pairs.append((spun, clean))
    return pairs, bad


def _learning_option(args: argparse.Namespace) -> str:
    """The first option given that says how to learn from spun text alone
    (``learn --unpaired``, ``clean --learn``), or "" if none is."""
    for name, given in (
        ("--open", args.open),
        ("--clean-pages", args.clean_pages),
        ("--rounds", args.rounds),
        ("--why", args.why),
    ):
        if given:
            return name
    return ""


def _cmd_learn(args: argparse.Namespace) -> int:
    option = _learning_option(args)
    if option and not args.unpaired:
        raise CLIError(f"{option} is for learning from spun text alone: add --unpaired")
    if args.unpaired:
        return _learn_unpaired(args)
    if len(args.pairs) != 1:
        raise CLIError("learning from pairs reads one JSON Lines file; --unpaired reads several")
    args.pairs = args.pairs[0]
    pairs, bad = _iter_pairs(args.pairs)
    _report_skipped(bad)
    if not pairs:
        raise CLIError(f"no usable pairs in {args.pairs!r}")
    base = None if args.base in (None, "none") else _load_table(args.base)
    new = new_pairs(pairs, base)
    if args.explain:
        for i, (spun, clean) in enumerate(pairs):
            obs = observe(spun, clean)
            print(
                json.dumps(
                    {
                        "pair": i,
                        "learned": new[i],  # false: the base holds it, or it came before
                        "passages": [
                            {
                                "spun": spun[
                                    obs.spun_tokens[p.spun_start].start : obs.spun_tokens[
                                        p.spun_end - 1
                                    ].end
                                ],
                                "clean": clean[
                                    obs.clean_tokens[p.clean_start].start : obs.clean_tokens[
                                        p.clean_end - 1
                                    ].end
                                ],
                                "score": p.score,
                            }
                            for p in obs.passages
                        ],
                        "substitutions": [
                            {"spun": " ".join(s.spun), "clean": " ".join(s.clean), "kind": s.kind}
                            for s in obs.substitutions
                        ],
                    },
                    ensure_ascii=False,
                ),
                file=sys.stderr,
            )
    fresh = sum(new)
    table = learn(pairs, base=base, contexts=args.contexts)
    try:
        table.save(args.output)
    except OSError as exc:
        raise CLIError(f"cannot write table {args.output!r}: {exc.strerror}") from None
    known = (
        f", {len(pairs) - fresh} already in the base table or repeated"
        if fresh < len(pairs)
        else ""
    )
    print(
        f"unspin: learned from {fresh} pairs ({len(bad)} bad lines skipped{known}): "
        f"{len(table)} entries ({len(table.contexts())} remembering the contexts of their "
        f"swaps) -> {args.output}",
        file=sys.stderr,
    )
    if not fresh:
        print(
            "unspin: every pair was learned before: the table counts each pair once",
            file=sys.stderr,
        )
    elif table.sha256 == (base.sha256 if base is not None else Table().sha256):
        print(
            "unspin: no swap was found: a pair is learned from where its two sides share "
            "passages (at least 4 words in common around the swaps); --explain shows them",
            file=sys.stderr,
        )
    return 1 if bad else 0


def _learn_unpaired(args: argparse.Namespace) -> int:
    base = None if args.base == "none" else _load_table(args.base)
    try:
        texts = CorpusTexts(args.pairs, text_field=args.field)
        clean = CorpusTexts(args.clean_pages, text_field=args.field) if args.clean_pages else None
    except CleanError as exc:
        raise CLIError(f"{exc} (--unpaired reads files or folders, not -)") from None
    reference = clean_reference(clean) if clean is not None else None
    verdicts, explain = _why_observer(args.why)
    table = learn_in_workers(
        texts,
        base or Table(),
        args.jobs,
        not args.quiet,
        require_synonym=not args.open,
        reference=reference,
        rounds=args.rounds,
        observe=explain,
    )
    if not texts.read:
        # Nothing was learned: writing the base table back would look like success.
        why = (
            f"{len(texts.rejected)} records skipped, the first ({texts.rejected[0].source}): "
            f"{texts.rejected[0].reason}"
            if texts.rejected
            else "the input holds no text"
        )
        raise CLIError(f"no spun text to learn from: {why}")
    try:
        table.save(args.output)
    except OSError as exc:
        raise CLIError(f"cannot write table {args.output!r}: {exc.strerror}") from None
    # found while learning: the corpus is not read again
    rejected = texts.rejected + (clean.rejected if clean is not None else [])
    _report_skipped([f"{record.source}: {record.reason}" for record in rejected])
    for line in _why_lines(verdicts):
        print(f"unspin: why {line}", file=sys.stderr)
    print(
        f"unspin: {_learned(table)} ({len(rejected)} bad records skipped): "
        f"{len(table)} entries -> {args.output}",
        file=sys.stderr,
    )
    return 1 if rejected else 0


def _why_observer(
    forms: Sequence[str],
) -> tuple[list[list[Verdict]], Callable[[Round], None] | None]:
    """For ``--why FORM...``: the list each round's verdicts on ``forms``
    go into, and the observer that puts them there (none without forms).
    The verdicts are judged as each round ends: its statistics are not
    kept."""
    verdicts: list[list[Verdict]] = []

    def explain(seen: Round) -> None:
        verdicts.append([stage(seen, form) for form in forms])

    return verdicts, explain if forms else None


def _why_lines(rounds: list[list[Verdict]]) -> Iterator[str]:
    """Each form's verdicts, round by round: a round is said where the
    form's stage changed, and none after the round that learned it."""
    for column in zip(*rounds, strict=True):
        said = ""
        for number, found in enumerate(column, 1):
            if found.stage != said:
                yield f"round {number}: {found.text}"
                said = found.stage
            if found.stage in ("learned", "known"):
                break


# At most this many bad records are named on stderr, one line each; the
# rest are counted (a crawl can hold thousands).
_SHOWN_SKIPPED = 20


def _report_skipped(messages: Sequence[str]) -> None:
    for message in messages[:_SHOWN_SKIPPED]:
        print(f"unspin: skipped {message}", file=sys.stderr)
    if len(messages) > _SHOWN_SKIPPED:
        print(f"unspin: ... and {len(messages) - _SHOWN_SKIPPED} more skipped", file=sys.stderr)


def _learned(table: Table) -> str:
    """How many of ``table``'s entries were learned from spun text alone."""
    learned = [key for key in table if "unpaired" in getattr(table.lookup(key), "sources", ())]
    phrases = sum(1 for key in learned if " " in key)
    return f"learned {len(learned)} entries from spun text alone, {phrases} of them phrases"


def _cmd_bench(args: argparse.Namespace) -> int:
    pairs, bad = _iter_pairs(args.pairs)
    _report_skipped(bad)
    if not pairs:
        raise CLIError(f"no usable pairs in {args.pairs!r}")
    table = Table() if args.table == "none" else _load_table(args.table)
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    learn_pairs = None
    if args.learn is not None:
        learn_pairs, bad_learn = _iter_pairs(args.learn)
        _report_skipped(bad_learn)
        bad = bad + bad_learn
        if not learn_pairs:
            raise CLIError(f"no usable pairs in {args.learn!r}")
        if known := len(learn_pairs) - sum(new_pairs(learn_pairs, table)):
            print(
                f"unspin: {known} of the --learn pairs are already in the table or repeated: "
                "each pair counts once",
                file=sys.stderr,
            )
    try:
        report = run_bench(
            pairs,
            table=table,
            learn_split=args.learn_split,
            learn_pairs=learn_pairs,
            options=_options(args),
            systems=systems,
            bootstrap=args.bootstrap,
            seed=args.seed,
            progress=not args.quiet,
        )
    except ValueError as exc:
        raise CLIError(str(exc)) from None
    with _output(args.output) as out:
        out.write(report.format(args.format) + "\n")
    return 1 if bad else 0


def _cmd_clean(args: argparse.Namespace) -> int:
    option = _learning_option(args)
    if option and not args.learn:
        raise CLIError(f"{option} says how --learn learns: add --learn")
    table = _load_table(args.table)
    try:
        if args.learn:
            learned = args.learned_table or f"{args.output}.table.json.gz"
            if not args.quiet:
                print(
                    f"unspin: pass 1 of 2: learning from the corpus -> {learned}", file=sys.stderr
                )
            before = _mtime(learned)
            verdicts, explain = _why_observer(args.why)
            table = learn_corpus(
                args.inputs,
                learned,
                base=table,
                text_field=args.field,
                overwrite=args.overwrite,
                progress=not args.quiet,
                jobs=args.jobs,
                require_synonym=not args.open,
                clean=args.clean_pages or (),
                rounds=args.rounds,
                observe=explain,
            )
            reused = before is not None and before == _mtime(learned)
            for line in _why_lines(verdicts):
                print(f"unspin: why {line}", file=sys.stderr)
            if reused and args.why:
                print(
                    f"unspin: why: {learned} was learned by an earlier run and reused; "
                    "delete it to learn again and say why",
                    file=sys.stderr,
                )
            if not args.quiet:
                if reused:
                    print(
                        f"unspin: reused {learned}, learned from the same inputs and table",
                        file=sys.stderr,
                    )
                print(f"unspin: {_learned(table)}", file=sys.stderr)
                print("unspin: pass 2 of 2: restoring with the learned table", file=sys.stderr)
        summary = clean_corpus(
            args.inputs,
            args.output,
            table=table,
            text_field=args.field,
            rejects=args.rejects,
            jobs=args.jobs,
            explain=args.explain,
            options=_options(args),
            overwrite=args.overwrite,
            progress=not args.quiet,
        )
    except CleanError as exc:
        raise CLIError(str(exc)) from None
    print(f"unspin: {summary.format()}", file=sys.stderr)
    return 1 if summary.rejected else 0


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def _documents(
    paths: Sequence[str], text_field: str, id_field: str, bad: list[str]
) -> Iterator[tuple[str, str]]:
    """``(id, text)`` of every good record; each bad one is appended to
    ``bad`` and, up to ``_SHOWN_SKIPPED`` of them, named on stderr (nothing
    is dropped silently)."""
    for record in iter_records(paths, text_field=text_field):
        if record.text is None or record.record is None:
            bad.append(record.source)
            if len(bad) <= _SHOWN_SKIPPED:
                print(f"unspin: skipped {record.source}: {record.reason}", file=sys.stderr)
            elif len(bad) == _SHOWN_SKIPPED + 1:
                print("unspin: more bad records are counted, not shown", file=sys.stderr)
            continue
        yield str(record.record.get(id_field, record.source)), record.text


def _cmd_pairs(args: argparse.Namespace) -> int:
    from .pairs import PairIndex

    bad: list[str] = []

    def docs(paths: list[str]) -> Iterator[tuple[str, str]]:
        return _documents(paths, args.field, args.id_field, bad)

    try:
        index = PairIndex(threshold=args.threshold)
        index.add(docs([args.clean]))
        found = 0
        with _output(args.output) as out:
            batch: list[tuple[str, str]] = []
            for doc in itertools.chain(docs([args.spun]), [None]):
                if doc is not None:
                    batch.append(doc)
                    if len(batch) < 1000:
                        continue
                texts = dict(batch)
                for pair in index.query(batch, min_coverage=args.min_coverage):
                    found += 1
                    row = {
                        **pair._asdict(),
                        "spun": texts[pair.spun_id],
                        "clean": index.texts[pair.clean_id],
                    }
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                batch = []
    except (CleanError, ValueError) as exc:
        raise CLIError(str(exc)) from None
    print(
        f"unspin: {found} pairs found ({len(index)} clean documents indexed, {len(bad)} bad records)",
        file=sys.stderr,
    )
    return 1 if bad else 0


def _cmd_spin(args: argparse.Namespace) -> int:
    from .spinner import make_spinner

    overrides: dict[str, object] = {"seed": args.seed}
    if args.intensity is not None:
        overrides["intensity"] = args.intensity
    if args.no_quotes:
        overrides["quotes"] = False
    bad: list[str] = []
    written = 0
    try:
        machine = make_spinner(args.spinner, **overrides)
        with _output(args.output) as out:
            for doc_id, text in _documents(args.inputs, args.field, "id", bad):
                spun = machine.spin(text)
                row: dict[str, object] = {"id": doc_id, "spun": spun.text, "clean": spun.clean}
                if args.gold:
                    row["gold"] = [e._asdict() for e in spun.edits]
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                written += 1
    except (CleanError, ValueError) as exc:
        raise CLIError(str(exc)) from None
    print(
        f"unspin: spun {written} texts with {args.spinner} ({len(bad)} bad records)",
        file=sys.stderr,
    )
    return 1 if bad else 0


def _cmd_detect(args: argparse.Namespace) -> int:
    text = _read_text(args.input)
    reference = _read_text(args.reference, "reference") if args.reference else None
    result = detect(
        text, reference=reference, table=_load_table(args.table), options=_options(args)
    )
    with _output(args.output) as out:
        json.dump(
            {
                "score": result.score,
                "method": result.method,
                "aligned_words": result.aligned_words,
                "spans": [s._asdict() for s in result.spans],
            },
            out,
            ensure_ascii=False,
            indent=1,
        )
        out.write("\n")
    return 0


def _cmd_table(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 0:
        raise CLIError(f"--limit must be 0 or more, not {args.limit}")
    table = _load_table(args.table)
    entries = [
        entry
        for entry in map(table.lookup, table)
        if entry is not None
        and (args.source is None or args.source in entry.sources)
        and (args.find is None or _finds(entry, args.find))
    ]
    entries.sort(key=lambda e: (-e.swaps, e.spun))
    shown = entries[: args.limit] if args.limit is not None else entries
    with _output(args.output) as out:
        print(
            f"# {table.name or 'table'}: {len(table)} entries, sha256 {table.sha256[:12]}"
            + (f", learned from {len(table.pairs)} pairs" if table.pairs else "")
            + f"; {len(shown)} shown (spun, originals with their counts, kept, sources)",
            file=out,
        )
        for e in shown:
            ranked = sorted(e.originals.items(), key=lambda kv: (-kv[1], kv[0]))
            originals = ", ".join(f"{o} {n}" for o, n in ranked)
            sources = ", ".join(f"{s} {n}" for s, n in sorted(e.sources.items()))
            print(f"{e.spun}\t{originals}\tkept {e.kept}\t{sources}", file=out)
    return 0


def _finds(entry: Entry, words: str) -> bool:
    """Whether ``words`` (a word or a phrase, any case) stand in the entry's
    spun phrase or in one of its originals, as whole words."""
    wanted = f" {' '.join(words.lower().split())} "
    return any(
        wanted in f" {' '.join(phrase.lower().split())} "
        for phrase in (entry.spun, *entry.originals)
    )


def _add_restore(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``unspin restore`` command's arguments."""
    p = sub.add_parser("restore", help="restore spun text")
    p.add_argument("input", help="text file, or - for stdin")
    p.add_argument("--table", help="table file (default: the embedded default table)")
    p.add_argument("--reference", help="clean parallel source to learn from on the fly")
    p.add_argument("--explain", action="store_true", help="print JSON with every edit")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    p.add_argument(
        "--why",
        action="append",
        default=[],
        metavar="PHRASE",
        help="say why each occurrence of PHRASE was restored or left as written (repeatable)",
    )
    _add_knobs(p)
    p.set_defaults(func=_cmd_restore)


def _add_learn(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``unspin learn`` command's arguments."""
    p = sub.add_parser(
        "learn", help="learn a table from spun/clean pairs, or from spun text alone (--unpaired)"
    )
    p.add_argument(
        "pairs",
        nargs="+",
        metavar="INPUT",
        help="JSON Lines with 'spun' and 'clean' fields, or -; with --unpaired: spun JSON Lines "
        "or text files, or folders of them",
    )
    p.add_argument(
        "--unpaired",
        action="store_true",
        help="learn from spun documents without their originals (experimental, careful)",
    )
    p.add_argument(
        "--field", default="text", help="with --unpaired: the text field of JSONL (default: text)"
    )
    p.add_argument(
        "--open",
        action="store_true",
        help="with --unpaired: also accept originals no shipped thesaurus lists (a spinner with "
        "a dictionary of its own; less precise on few pages)",
    )
    p.add_argument(
        "--clean-pages",
        nargs="+",
        metavar="CLEAN",
        help="with --unpaired: clean pages of the same kind (files or folders), so that their "
        "topic words are not taken for a spinner's",
    )
    p.add_argument(
        "--jobs", type=int, default=1, help="with --unpaired: worker processes (default: 1)"
    )
    p.add_argument(
        "--rounds",
        type=_positive_int,
        help="with --unpaired: rounds of learning, each over the corpus restored with what is "
        "known (default: 2; 1 is quicker and finds less)",
    )
    p.add_argument(
        "--why",
        action="append",
        default=[],
        metavar="FORM",
        help="with --unpaired: say why each round learned FORM or did not (repeatable)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    p.add_argument(
        "--base",
        help="'default', 'none' or a table file to extend (default: none for pairs; the "
        "embedded default table with --unpaired, which weighs the documents and restores them "
        "first)",
    )
    p.add_argument(
        "--contexts",
        type=int,
        choices=(0, 1, 2),
        default=1,
        help="how little context a learned swap remembers: 1 token (default), 2 tokens, or 0 "
        "(none; a smaller file)",
    )
    p.add_argument("-o", "--output", required=True, help="table file to write (.json or .json.gz)")
    p.add_argument("--explain", action="store_true", help="print matched passages to stderr")
    p.set_defaults(func=_cmd_learn)


def _add_detect(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``unspin detect`` command's arguments."""
    p = sub.add_parser("detect", help="score how spun a text is")
    p.add_argument("input", help="text file, or - for stdin")
    p.add_argument("--reference", help="clean source to compare with")
    p.add_argument("--table", help="table file (default: the embedded default table)")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    _add_knobs(p)
    p.set_defaults(func=_cmd_detect)


def _add_bench(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``unspin bench`` command's arguments."""
    p = sub.add_parser("bench", help="score unspin and the baselines on spun/clean pairs")
    p.add_argument("pairs", help="JSON Lines with 'spun' and 'clean' fields, or -")
    p.add_argument("--table", help="'default' (default), 'none' (empty) or a table file")
    p.add_argument(
        "--learn-split",
        type=float,
        help="learn from this first share of the pairs (over --table), test on the rest",
    )
    p.add_argument(
        "--learn",
        metavar="TRAIN",
        help="learn from the pairs in this JSON Lines file (over --table); test on all of PAIRS",
    )
    p.add_argument(
        "--systems", default=",".join(SYSTEMS), help=f"comma-separated ({', '.join(SYSTEMS)})"
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples (0: none)")
    p.add_argument("--seed", type=int, default=12345, help="bootstrap seed")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    _add_knobs(p)
    p.set_defaults(func=_cmd_bench)


def _add_clean(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``unspin clean`` command's arguments."""
    p = sub.add_parser("clean", help="restore a corpus: JSONL / text files / folders, .gz/.zst")
    p.add_argument("inputs", nargs="+", help="JSON Lines or text files, or folders of them")
    p.add_argument("-o", "--output", required=True, help="JSON Lines to write")
    p.add_argument(
        "--field", default="text", help="the text field of JSONL records (default: text)"
    )
    p.add_argument("--rejects", help="where bad records go (default: OUTPUT.rejects.jsonl)")
    p.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: all cores)",
    )
    p.add_argument("--table", help="table file (default: the embedded default table)")
    p.add_argument(
        "--learn",
        action="store_true",
        help="first learn from the corpus's spun text alone over the table, then restore with "
        "what was learned (two passes, each resumable)",
    )
    p.add_argument(
        "--learned-table", help="where --learn saves its table (default: OUTPUT.table.json.gz)"
    )
    p.add_argument(
        "--open",
        action="store_true",
        help="with --learn: also accept originals no shipped thesaurus lists (see unspin learn)",
    )
    p.add_argument(
        "--clean-pages",
        nargs="+",
        metavar="CLEAN",
        help="with --learn: clean pages of the same kind (see unspin learn)",
    )
    p.add_argument(
        "--rounds",
        type=_positive_int,
        help="with --learn: rounds of learning (see unspin learn; default: 2)",
    )
    p.add_argument(
        "--why",
        action="append",
        default=[],
        metavar="FORM",
        help="with --learn: say why each round learned FORM or did not (repeatable)",
    )
    p.add_argument("--explain", action="store_true", help="add every edit to the output records")
    p.add_argument(
        "--overwrite", action="store_true", help="replace a finished output (and learned table)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_knobs(p)
    p.set_defaults(func=_cmd_clean)


def _add_pairs(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``unspin pairs`` command's arguments."""
    p = sub.add_parser("pairs", help="find the clean document each spun document was copied from")
    p.add_argument("spun", help="spun corpus: JSONL or text files, or a folder")
    p.add_argument("clean", help="clean corpus: JSONL or text files, or a folder")
    p.add_argument(
        "-o", "--output", help="JSON Lines of pairs, ready for `unspin learn` (default: stdout)"
    )
    p.add_argument(
        "--field", default="text", help="the text field of JSONL records (default: text)"
    )
    p.add_argument("--id-field", default="id", help="the id field (default: id; else file:line)")
    p.add_argument("--threshold", type=float, default=0.3, help="MinHash LSH Jaccard threshold")
    p.add_argument(
        "--min-coverage", type=float, default=0.5, help="share of the spun text in matched passages"
    )
    p.set_defaults(func=_cmd_pairs)


def _add_table(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``unspin table`` command's arguments."""
    p = sub.add_parser(
        "table", help="list a table's entries (to read what was learned before trusting it)"
    )
    p.add_argument(
        "table", nargs="?", default="default", help="table file (default: the embedded table)"
    )
    p.add_argument(
        "--source", help="only entries with this provenance (unpaired, real-pairs, pps, part, ...)"
    )
    p.add_argument(
        "--find",
        metavar="WORD",
        help="only entries with WORD (or a phrase) in the spun phrase or an original",
    )
    p.add_argument("--limit", type=int, help="at most this many entries, most swaps first")
    p.add_argument("-o", "--output", help="output file (default: stdout)")
    p.set_defaults(func=_cmd_table)


def _add_spin(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``unspin spin`` command's arguments."""
    p = sub.add_parser(
        "spin", help="make aligned spun/clean pairs from clean text (synthetic spinner)"
    )
    p.add_argument("inputs", nargs="+", help="clean JSONL or text files, or folders")
    p.add_argument("-o", "--output", help="JSON Lines with spun, clean (default: stdout)")
    p.add_argument("--spinner", choices=("mythes", "wordnet"), default="mythes")
    p.add_argument("--seed", type=int, default=0, help="fixes the spinner's dictionary and hits")
    p.add_argument("--intensity", type=float, help="chance that an eligible word is rewritten")
    p.add_argument("--no-quotes", action="store_true", help="leave quotations alone")
    p.add_argument(
        "--field", default="text", help="the text field of JSONL records (default: text)"
    )
    p.add_argument("--gold", action="store_true", help="add the gold alignment (every rewrite)")
    p.set_defaults(func=_cmd_spin)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="unspin", description="Restore spun text.")
    parser.add_argument("--version", action="version", version=f"unspin {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_restore(sub)
    _add_learn(sub)
    _add_detect(sub)
    _add_bench(sub)
    _add_clean(sub)
    _add_pairs(sub)
    _add_table(sub)
    _add_spin(sub)
    return parser


# Optional packages and the extra that installs each (pyproject.toml).
_EXTRAS = {
    "datasketch": "pairs",
    "zstandard": "zstd",
    "dask": "dask",
    "distributed": "dask",
    "ftfy": "bench",
    "matplotlib": "bench",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    >>> main(["--version"])  # doctest: +SKIP
    unspin 0.1.0
    """
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.func(args)
    except CLIError as exc:
        print(f"unspin: error: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:
        extra = _EXTRAS.get((exc.name or "").partition(".")[0])
        if extra is not None:
            message = (
                f"this command needs the optional package {exc.name!r}: "
                f"pip install 'unspin[{extra}]'"
            )
        elif "pip install 'unspin[" in str(exc):  # our own message says what to do
            message = str(exc)
        else:
            raise
        print(f"unspin: error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("unspin: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. piped into `head`: not an error of ours
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the exit flush
        return 141
    return status


if __name__ == "__main__":
    sys.exit(main())
