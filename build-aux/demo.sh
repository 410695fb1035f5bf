#!/bin/sh
# demo.sh - the main job, run by 'make demo': ingest a corpus (by default
# the embedded one in seeds/; CORPUS=FILE or DIR for another) into a fresh
# database under out/, then draw the weekly review's charts to PNG and SVG
# under out/ and print their paths:
#   weekly-trend   small multiples of the leading terms and phrases, by week
#                  (only with three buckets or more: one report has no trend)
#                  (by month, quarter or year when reports come less often
#                  than every other week); the terms that rose most, when
#                  there are buckets enough for plenum trends, else the
#                  most frequent
#   top-terms      bars of the most frequent words
#   top-phrases    bars of the most frequent two-word phrases
#   dispersion     where the leading phrases occur: along the timeline, or
#                  along the text when the corpus has a single date
# and the review itself, plenum report's page, in out/report/index.html
# (with its charts and tables beside it).
set -eu
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-seeds/}
OUT=${OUT:-out}
P=./plenum
DB=$OUT/demo.db
if [ -d "$CORPUS" ]; then
	name=$(basename "${CORPUS%/}")
else	# e.g. sample-zh/docs.jsonl
	name=$(basename "$(dirname "$CORPUS")")/$(basename "$CORPUS")
fi
[ "$CORPUS" = seeds/ ] && name="the embedded report (seeds/)"

mkdir -p "$OUT"
rm -f "$DB" "$DB-wal" "$DB-shm"
$P ingest --db "$DB" "$CORPUS"
echo

# The terms of a one-column list, one per line, as "$@".
col1() { awk -F '\t' 'NR > 1 && $1 != "" { print $1 }'; }

first=$($P info --db "$DB" | awk -F '\t' '$2 == "first_date" { print $5 }')
last=$($P info --db "$DB" | awk -F '\t' '$2 == "last_date" { print $5 }')
top1=$($P freq --db "$DB" --top 1 | col1)
# The review is weekly; a corpus with reports in fewer than 80% of its
# weeks (monthly statements, yearly speeches) is shown by the first of
# month, quarter, year that it fills to 80%, so lines do not break up.
by=week
for b in week month quarter year; do
	by=$b
	$P series --db "$DB" --by $b --value count "$top1" |
	    awk -F '\t' 'NR > 1 { n++; if ($7 > 0) r++ } END { exit !(r * 5 >= n * 4) }' &&
	    break
done
nb=$($P series --db "$DB" --by $by --value count "$top1" | awk 'END { print NR - 1 }')
markers=
[ "$nb" -gt 60 ] || markers=--markers
cap="Source: $name, $first to $last. plenum $($P --version | awk '{ print $NF }')"

# Leading terms: rising ones when there are weeks enough to test a trend.
lead=
# At least one hit in 4,000 tokens (20 to 200), so a rare name that goes
# from 0 to 3 does not lead the page.
tokens=$($P info --db "$DB" | awk -F '\t' '$2 == "total" { print $4 }')
mc=$(awk -v t="$tokens" 'BEGIN { m = int(t / 4000); print (m < 20 ? 20 : (m > 200 ? 200 : m)) }')
if [ "$nb" -ge 8 ] && $P trends -h >/dev/null 2>&1; then
	lead=$( { $P trends --db "$DB" --by $by --top 6 --sort q \
	    --direction up --min-count "$mc" | col1;
	    $P trends --db "$DB" --by $by --top 3 --sort q --ngram 2 \
	    --direction up --min-count "$mc" | col1; } 2>/dev/null || true)
	[ -n "$lead" ] && how="words and phrases rising most (Mann-Kendall, by $by)"
fi
if [ -z "$lead" ]; then
	lead=$( { $P freq --db "$DB" --top 6 | col1;
	    $P freq --db "$DB" --ngram 2 --top 3 | col1; } )
	how="most frequent words and phrases"
fi
phrases=$($P freq --db "$DB" --ngram 2 --top 6 | col1)

IFS='
'
# shellcheck disable=SC2086
set -- $lead
$P series --db "$DB" --by $by "$@" >"$OUT/weekly-trend.tsv"
# A trend needs buckets: with fewer than three (one report), the page is
# the top terms and where they occur, not panels of one dot each.
rm -f "$OUT/weekly-trend.png" "$OUT/weekly-trend.svg"
[ "$nb" -ge 3 ] && for ext in png svg; do
	$P plot multiples -i "$OUT/weekly-trend.tsv" --free-y $markers \
	    --db "$DB" -o "$OUT/weekly-trend.$ext" --width 1200 --height 720 \
	    --title "Leading terms and phrases, $by by $by" \
	    --subtitle "The $# $how; mentions per 10,000 tokens" \
	    --caption "$cap"
done

$P freq --db "$DB" --top 20 >"$OUT/top-terms.tsv"
$P freq --db "$DB" --ngram 2 --top 20 >"$OUT/top-phrases.tsv"
for ext in png svg; do
	$P plot bar -i "$OUT/top-terms.tsv" --db "$DB" \
	    -o "$OUT/top-terms.$ext" --height 640 \
	    --title "Most frequent words" --ylabel "occurrences" \
	    --subtitle "Stopwords left out" --caption "$cap"
	$P plot bar -i "$OUT/top-phrases.tsv" --db "$DB" \
	    -o "$OUT/top-phrases.$ext" --height 640 \
	    --title "Most frequent phrases" --ylabel "occurrences" \
	    --subtitle "Two-word phrases that neither start nor end with a stopword" \
	    --caption "$cap"
done

# shellcheck disable=SC2086
set -- $phrases
if [ "$first" = "$last" ]; then
	# One date: where in the text, by character offset.
	printf 'term\tdoc\toffset\n' >"$OUT/dispersion.tsv"
	for t in "$@"; do
		$P kwic --db "$DB" --limit 0 "$t" |
		    awk -F '\t' -v t="$t" 'NR > 1 { print t "\t" $1 "\t" $NF }'
	done >>"$OUT/dispersion.tsv"
	x="--xlabel"
	xl="position in the text (characters)"
else
	$P query --db "$DB" --by doc "$@" >"$OUT/dispersion.tsv"
	x="--subtitle"
	xl="One tick per report that uses the phrase; darker with more uses"
fi
for ext in png svg; do
	$P plot dispersion -i "$OUT/dispersion.tsv" --db "$DB" \
	    -o "$OUT/dispersion.$ext" --title "Where the leading phrases occur" \
	    "$x" "$xl" --caption "$cap"
done
unset IFS

echo "charts of $name in $OUT/ (the numbers behind each in the .tsv beside it):"
for f in weekly-trend top-terms top-phrases dispersion; do
	[ -f "$OUT/$f.png" ] && echo "  $OUT/$f.png  $OUT/$f.svg  $OUT/$f.tsv"
done
[ "$nb" -ge 3 ] || echo "  (no trend chart: $nb $by bucket(s) of reports; the table is in $OUT/weekly-trend.tsv)"
echo
# The review as one page: the latest complete period against the ones
# before (the seeds' single report is reviewed without a baseline).
$P report --db "$DB" -o "$OUT/report" >/dev/null
echo "the review of $name, one self-contained page:"
echo "  $OUT/report/index.html  (charts and data/*.tsv beside it)"
echo "database: $DB (try: ./plenum docs --db $DB)"
