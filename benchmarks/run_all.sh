#!/usr/bin/env bash
# Every benchmark behind docs/benchmarks.md, one after the other (they share
# two cores; running them in parallel would distort the speed numbers).
# Needs ../shared and `pip install -e '.[test,bench]'` (and a C compiler for
# compiled_core.py). Takes about three hours on two cores.
set -euo pipefail
cd "$(dirname "$0")"
out=${BENCH_TMP:-/tmp/unspin-bench}
mkdir -p "$out" results
python real_pairs_loo.py
python clean_false_edits.py --n 2225
python clean_false_edits.py --n 2225 --sentences
python restore_speed.py
python detect_roc.py
python artifact_survival.py
python cold_start.py
python seed_report.py
python issue4_experiments.py
python make_pairs.py --spinner mythes --n 1000 -o "$out/mythes_1000.jsonl"
python make_pairs.py --spinner mythes --n 200 --test -o "$out/mythes_test.jsonl"
python make_pairs.py --spinner wordnet --n 200 --test -o "$out/wordnet_test.jsonl"
unspin bench "$out/mythes_1000.jsonl" --learn-split 0.5 -q --format json -o results/bench_mythes_1000.json
unspin bench "$out/mythes_1000.jsonl" --learn-split 0.5 -q > results/bench_mythes_1000.txt
head -n 500 "$out/mythes_1000.jsonl" > "$out/mythes_train_500.jsonl"
unspin learn "$out/mythes_train_500.jsonl" -o "$out/mythes_500.json.gz"
unspin bench "$out/mythes_test.jsonl" --learn "$out/mythes_train_500.jsonl" -q > results/bench_heldout_mythes.txt
unspin bench "$out/wordnet_test.jsonl" --table "$out/mythes_500.json.gz" -q > results/bench_cross_wordnet.txt
unspin bench "$out/mythes_test.jsonl" -q > results/bench_zero_shot_mythes.txt
python learning_curve.py
python scaling.py
python pair_discovery.py --sizes 2000,20000,200000
python clean_scaling.py
# Real spun news out of the box (issue 10): grouped folds, the hidden check's
# protocol, one-line inputs, where swaps are lost, long documents.
python grouped_folds.py
python learned_loo.py
python one_line_inputs.py
python why_missed.py
python long_documents.py
python doc_length.py
python context_memory.py
# Speed (issue 12): table size, a compiled core.
python table_size.py
python compiled_core.py
# Learning from spun text alone (issue 11): synthetic (two samples), where it
# loses, real pages (with their ceilings), pair discovery, throughput.
python unpaired_synthetic.py
python unpaired_synthetic.py --offset 1000
python unpaired_losses.py --open
python unpaired_losses.py --spinner mythes
python unpaired_real.py
python unpaired_real.py --open
python unpaired_real.py --crawl
for n in 1 2 3; do python unpaired_real.py --oracle "$n"; done
python unpaired_real.py --oracle 3 --crawl
python pair_discovery_real.py
python learn_unpaired_speed.py
python learn_unpaired_speed.py --open
