#!/bin/sh
# make-report-image.sh - the README's screenshot of plenum report: the
# review of the last week of sample-zh (948 CCTV news items over nine
# weeks; a shared corpus, not in the repository) with a small watch list,
# opened in headless chromium.  Run from the top of the tree after 'make':
#	sh docs/img/make-report-image.sh [CORPORA_DIR]
set -eu
cd "$(dirname "$0")/../.."
C=${1:-../shared/corpora}
T=$(mktemp -d "${TMPDIR:-/tmp}/plenum-img.XXXXXX")
trap 'rm -rf "$T"' EXIT
P=./plenum
$P ingest -q --db "$T/sample-zh.db" "$C/sample-zh/docs.jsonl"
printf '%s\n' 疫情 二十大 高质量发展 乡村振兴 '防控=疫情防控|防疫' >"$T/watch.txt"
(cd "$T" && "$OLDPWD/$P" report --db sample-zh.db --watch watch.txt -o review >/dev/null)
chromium --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update \
    --disable-sync --hide-scrollbars --user-data-dir="$T/profile" \
    --screenshot=docs/img/zh-report.png --window-size=1100,1900 \
    "file://$T/review/index.html" >/dev/null 2>&1
echo docs/img/zh-report.png
