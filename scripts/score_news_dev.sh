#!/usr/bin/env bash
# Score detente on the real-news development set (../shared/eval/news_dev) and on re3d_dev.
#
# usage: scripts/score_news_dev.sh RAW_DIR [OUT_DIR]
#
# RAW_DIR holds the retrieved search results, one <id>.json per item, as
# ../shared/eval/news_dev/README.md says (the texts are never stored in the project). The
# script assembles them into a news JSONL in OUT_DIR (default: a new temporary folder), runs
# detente on it and on re3d_dev with the shared scorers, and prints every figure beside the
# naive baseline. Per-item lines are in OUT_DIR/items.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
eval_dir="${DETENTE_EVAL_DIR:-$here/../shared/eval}"
scoring="$eval_dir/scoring"
raw="$(cd "${1:?usage: score_news_dev.sh RAW_DIR [OUT_DIR]}" && pwd)"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"

python3 "$scoring/assemble_news.py" "$raw" >"$out/news_dev.jsonl"
echo "items assembled: $(wc -l <"$out/news_dev.jsonl")"

python3 "$scoring/run_detente.py" "$out/news_dev.jsonl" "$out/detente_events.json"
python3 "$scoring/baseline.py" "$out/news_dev.jsonl" >"$out/baseline.json"

echo "== news_dev: detente"
python3 "$scoring/score_news.py" "$out/detente_events.json" --news "$out/news_dev.jsonl"
echo "== news_dev: detente, events with both sides named (--dyadic)"
python3 "$scoring/score_news.py" "$out/detente_events.json" --news "$out/news_dev.jsonl" --dyadic
echo "== news_dev: baseline"
python3 "$scoring/score_news.py" "$out/baseline.json" --news "$out/news_dev.jsonl"
python3 "$scoring/score_news.py" "$out/detente_events.json" --news "$out/news_dev.jsonl" \
    --items >"$out/items.txt"
python3 - "$out/detente_events.json" <<'PY'
import json, sys
events = json.load(open(sys.argv[1]))
def named(side):
    return bool(side.get("id") if isinstance(side, dict) else side)
one_sided = sum(1 for e in events if not named(e.get("source")) or not named(e.get("target")))
print(f"events printed: {len(events)}, one side unknown: {one_sided} "
      f"({one_sided / max(len(events), 1):.0%})")
PY

echo "== re3d_dev: detente"
python3 "$scoring/run_detente.py" "$eval_dir/re3d_dev/re3d_dev.jsonl" "$out/re3d_events.json"
python3 "$scoring/score.py" "$eval_dir/re3d_dev/re3d_dev.jsonl" "$out/re3d_events.json"
echo "== re3d_dev: baseline"
python3 "$scoring/baseline.py" "$eval_dir/re3d_dev/re3d_dev.jsonl" >"$out/re3d_baseline.json"
python3 "$scoring/score.py" "$eval_dir/re3d_dev/re3d_dev.jsonl" "$out/re3d_baseline.json"
echo "outputs in $out"
