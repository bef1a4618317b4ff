#!/usr/bin/env bash
# Every benchmark behind docs/benchmarks.md, one after the other (they share
# two cores; running them in parallel would distort the speed numbers).
# Needs ../shared and `pip install -e '.[test,bench]'`. Takes about an hour.
set -euo pipefail
cd "$(dirname "$0")"
out=${BENCH_TMP:-/tmp/unspin-bench}
mkdir -p "$out" results
python real_pairs_loo.py
python clean_false_edits.py --n 300
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
