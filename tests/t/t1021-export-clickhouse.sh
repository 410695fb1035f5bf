#!/bin/sh

test_description='plenum export loaded into a local ClickHouse server: the SQL of docs/SCALE.md gives the monthly series and top terms plenum gives'
. "$(dirname "$0")/test-lib.sh"

if ! test_have_prog python3; then
	skip_all 'needs python3'
fi

test_expect_success 'export: the files, their headers and escaping' '
	cat >in.jsonl <<-\EOF &&
	{"id": "a\tb", "date": "2020-01-05", "source": "S1", "title": "line\none", "text": "Inflation rose. Inflation fell.", "speaker": "X"}
	{"id": "c", "date": "2020-02", "source": "S2", "text": "Rates and inflation."}
	{"id": "d", "date": "2021", "text": "Rates rose again."}
	EOF
	plenum ingest -q --db e.db in.jsonl &&
	plenum export --db e.db out 2>err &&
	grep "out: 3 documents" err &&
	ls out/documents >actual &&
	printf "2020-01.tsv\n2020-02.tsv\n2021-01.tsv\n" >expect &&
	test_cmp expect actual &&
	ls out/counts >actual &&
	test_cmp expect actual &&
	test -s out/schema.sql &&
	cat >expect <<-\EOF &&
	doc	id	date	source	title	lang	tokens	meta
	1	a\tb	2020-01-05	S1	line\none	en	4	{"speaker":"X"}
	EOF
	test_cmp expect out/documents/2020-01.tsv &&
	python3 - <<-\EOF
	import csv
	voc = {r["term"]: r for r in csv.DictReader(open("out/vocabulary.tsv"), delimiter="\t")}
	n = {}
	import glob
	for f in glob.glob("out/counts/*.tsv"):
	    for r in csv.DictReader(open(f), delimiter="\t"):
	        t = voc[r["term"]]["text"]
	        n[t] = n.get(t, 0) + int(r["n"])
	assert n == {"inflation": 3, "rose": 2, "fell": 1, "rates": 2, "again": 1,
	    "and": 1}, n
	assert all(int(v["cf"]) == n[v["text"]] for v in voc.values())
	EOF
'

if ! test_have_prog clickhouse-server || ! test_have_prog clickhouse-client; then
	test_skip 'the export in ClickHouse' 'clickhouse-server (Debian package clickhouse-server, optional: build-aux/deps.sh --bench) is not installed'
	test_done
fi

# A server of our own: an ordinary process on a loopback port, its files
# in the trash directory.
start_server() {
	port=$(python3 -c "import socket; s = socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])") &&
	mkdir -p ch/data ch/tmp ch/files &&
	cat >ch/config.xml <<-EOF &&
	<yandex>
	  <logger><level>warning</level><log>$PWD/ch/server.log</log><errorlog>$PWD/ch/error.log</errorlog><console>0</console></logger>
	  <tcp_port>$port</tcp_port>
	  <listen_host>127.0.0.1</listen_host>
	  <path>$PWD/ch/data/</path>
	  <tmp_path>$PWD/ch/tmp/</tmp_path>
	  <user_files_path>$PWD/ch/files/</user_files_path>
	  <users_config>$PWD/ch/users.xml</users_config>
	  <default_profile>default</default_profile>
	  <default_database>default</default_database>
	  <mark_cache_size>536870912</mark_cache_size>
	</yandex>
	EOF
	cat >ch/users.xml <<-\EOF || return 1
	<yandex>
	  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
	  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
	  <quotas><default></default></quotas>
	</yandex>
	EOF
	# (the server on its own line: "a && b &" would background the chain)
	clickhouse-server --config-file="$PWD/ch/config.xml" >ch/out.log 2>&1 &
	echo $! >ch/pid &&
	i=0 &&
	until clickhouse-client --port "$port" -q "SELECT 1" >/dev/null 2>&1; do
		i=$((i + 1)) &&
		test $i -lt 100 || { cat ch/out.log ch/error.log; return 1; }
		sleep 0.2
	done &&
	echo "$port" >ch/port
}

stop_server() {
	test -f ch/pid && kill "$(cat ch/pid)" 2>/dev/null
	rm -f ch/pid
}

ch() {
	clickhouse-client --port "$(cat ch/port)" "$@"
}

# load NAME DIR: the export in DIR into database NAME (the loading commands
# of docs/SCALE.md).
load() {
	ch -q "CREATE DATABASE $1" &&
	grep -v "^--" "$2/schema.sql" | sed "s/^CREATE TABLE /CREATE TABLE $1./" |
	    ch --multiquery &&
	for f in "$2"/documents/*.tsv; do
		ch -q "INSERT INTO $1.documents FORMAT TabSeparatedWithNames" <"$f" || return 1
	done &&
	for f in "$2"/counts/*.tsv; do
		ch -q "INSERT INTO $1.counts FORMAT TabSeparatedWithNames" <"$f" || return 1
	done &&
	ch -q "INSERT INTO $1.vocabulary FORMAT TabSeparatedWithNames" <"$2/vocabulary.tsv"
}

# series DB TERM: the monthly series of a word (months with a count), as in
# docs/SCALE.md.
series_sql() {
	ch -q "SELECT toStartOfMonth(date) AS m, sum(n) AS count, count() AS docs
	    FROM $1.counts ALL INNER JOIN (SELECT doc, date FROM $1.documents) USING doc
	    WHERE term = (SELECT term FROM $1.vocabulary WHERE text = '$2')
	    GROUP BY m ORDER BY m"
}

top_sql() {
	ch -q "SELECT text, sum(n) AS s FROM $1.counts
	    ALL INNER JOIN (SELECT term, text FROM $1.vocabulary WHERE n = 1) USING term
	    GROUP BY text ORDER BY s DESC, text LIMIT 25"
}

test_expect_success 'start a local ClickHouse server' '
	start_server
'

for corpus in sample fomc-statements; do
	test_expect_success "$corpus: export and load" '
		if ! test_have_shared; then
			echo "no ../shared corpora: using the small fixture" &&
			cp in.jsonl docs.jsonl
		else
			cp "$SHARED/corpora/'$corpus'/docs.jsonl" docs.jsonl
		fi &&
		rm -f c.db && plenum ingest -q --db c.db docs.jsonl &&
		rm -rf x && plenum export -q --db c.db x &&
		load db_$(echo '$corpus' | tr - _) x
	'
	test_expect_success "$corpus: the SQL monthly series equals plenum series" '
		db=db_$(echo '$corpus' | tr - _) &&
		for t in inflation rates growth; do
			plenum series --db c.db --by month --value count "$t" |
			    awk -F "\t" "NR > 1 && \$5 > 0 { print \$3 \"\t\" \$5 \"\t\" \$6 }" >expect &&
			series_sql $db "$t" >actual &&
			test_cmp expect actual || return 1
		done
	'
	test_expect_success "$corpus: the SQL top terms equal plenum freq --stopwords" '
		db=db_$(echo '$corpus' | tr - _) &&
		plenum freq --db c.db --stopwords --top 25 | awk -F "\t" "NR > 1 { print \$1 \"\t\" \$3 }" |
		    sort -t "	" -k2,2nr -k1,1 >expect &&
		top_sql $db >actual &&
		test_cmp expect actual
	'
done

test_expect_success 'stop the server' '
	stop_server
'

stop_server
test_done
