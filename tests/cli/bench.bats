#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-only
# bench and plot on the build machine: baselines measured, PKU benchmarks skipped with
# the reason, every format and file, charts, and bad input.

load helpers

# One quick run, shared by the tests that only read it (bats runs this once per file).
setup_file() {
	export QUICK_JSON="$BATS_FILE_TMPDIR/quick.json"
	"$TOP/$PKEYCTL" bench --quick --json >"$QUICK_JSON"
}

@test "bench --list: every benchmark, whether it runs here and why not" {
	run --separate-stderr pk bench --list --json
	[ "$status" -eq 0 ]
	jq -e '(.benchmarks | length) >= 12' <<<"$output"
	jq -e 'all(.benchmarks[]; (.summary | length) > 10)' <<<"$output"
	jq -e 'all(.benchmarks[]; .runs_here == (.reason == null))' <<<"$output"
	jq -e '[.benchmarks[] | select(.runs_here) | .name] | index("getppid") != null' <<<"$output"
	if ! grep -qw ospke /proc/cpuinfo; then
		jq -e '[.benchmarks[] | select(.runs_here | not) | .name] | sort ==
			["pkey_alloc_free", "pkey_fault", "pkey_get", "pkey_mprotect", "pkey_set",
			 "rdpkru", "sweep_wrpkru", "wrpkru"]' <<<"$output"
	fi
	run --separate-stderr pk bench --list
	[[ $output == *"BENCHMARK"*"RUNS HERE"* ]]
}

@test "bench --quick --json: baselines positive, context present, PKU ones skipped with a reason" {
	f=$QUICK_JSON
	jq -e '.schema == 1 and .command == "bench"' "$f"
	jq -e '.context | (.cpu | length) > 0 and (.kernel | length) > 0 and (.emulated | type) == "boolean"
		and .samples == 10 and .min_time_ms == 2 and (.date | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T"))
		and (.cycles | length) > 0 and (.cpu_pinned | type) == "number"' "$f"
	for b in loop getppid mprotect; do
		jq -e --arg b "$b" '.results[] | select(.name == $b) |
			.measured and .ns_median > 0 and .samples == 10 and .batch >= 1
			and .ns_p5 <= .ns_median and .ns_median <= .ns_p95 and .ns_p95 <= .ns_p99 + 1e-9
			and .ns_min <= .ns_p5 + 1e-9 and .cv >= 0' "$f"
	done
	jq -e '[.results[] | select(.name == "sweep_mprotect") | .region_bytes] == [4096, 1048576, 67108864]' "$f"
	jq -e 'all(.results[] | select(.name == "sweep_mprotect"); .measured and .ns_median > 0)' "$f"
	if ! grep -qw ospke /proc/cpuinfo; then
		jq -e --arg r "$(pk probe --json | jq -r .verdict.reason)" '
			all(.results[] | select(.measured | not);
			    .reason == "skipped: protection keys not usable here (\($r))" and .ns_median == null)' "$f"
		jq -e '[.results[] | select(.name == "wrpkru")][0].measured == false' "$f"
	fi
}

@test "bench JSON carries exactly the members the man page documents" {
	documented=$(sed -n '/^\.SH JSON OUTPUT/,/^\.SH /p' "$MAN" |
		sed -n '/^\.BR bench ", " plot/,/^\.RE/p' |
		grep -o '\\fB[a-z_0-9]*\.[a-z_0-9.]*\\fR' | sed 's/\\fB//; s/\\fR//' | sort -u)
	# --compare adds the ratio: compare the run with itself to see every member.
	actual=$(pk plot "$QUICK_JSON" --compare "$QUICK_JSON" --json --plot="$BATS_TEST_TMPDIR/x.svg" |
		jq -r '(.context | keys[] | "context." + .), (.results[0] | keys[] | "results." + .)' |
		sort -u)
	diff <(echo "$documented") <(echo "$actual")
}

@test "bench --csv: RFC 4180 with a header row, one row per result" {
	run --separate-stderr pk bench loop getppid --quick --format csv
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | head -n 1)" = $'name,region_bytes,measured,ns_median,ns_min,ns_mean,ns_p5,ns_p95,ns_p99,ns_stddev,cv,samples,batch,tsc_ticks,cycles,reason\r' ]
	[ "$(printf '%s\n' "$output" | wc -l)" -eq 3 ]
	printf '%s\n' "$output" | grep -q $'^getppid,,true,[0-9.e+-]*,'
	# Every line ends in CRLF.
	[ "$(printf '%s\n' "$output" | grep -vc $'\r$')" -eq 0 ]
}

@test "bench --output writes the file whole, in the format its name says" {
	d=$BATS_TEST_TMPDIR
	run --separate-stderr pk bench loop --quick --output "$d/r.json"
	[ "$status" -eq 0 ]
	[[ $output == *"Results"* ]] # stdout keeps the text report
	jq -e '.command == "bench" and (.results | length) == 1' "$d/r.json"
	run --separate-stderr pk bench loop --quick --output "$d/r.csv"
	head -n 1 "$d/r.csv" | grep -q '^name,region_bytes,'
	[ -z "$(find "$d" -name '*.tmp-*')" ]
}

@test "a killed bench leaves the old output file as it was, and no temporary file" {
	d=$BATS_TEST_TMPDIR
	echo '{"old": true}' >"$d/keep.json"
	"$TOP/$PKEYCTL" bench --samples 1000 --min-time 50 --output "$d/keep.json" >/dev/null 2>&1 &
	pid=$!
	sleep 0.5
	kill -INT "$pid"
	wait "$pid" || true
	[ "$(cat "$d/keep.json")" = '{"old": true}' ]
	[ -z "$(find "$d" -name '*.tmp-*')" ]
}

@test "bench --plot=FILE draws PNG, SVG and PDF" {
	d=$BATS_TEST_TMPDIR
	command -v gnuplot
	run --separate-stderr pk plot "$QUICK_JSON" --plot="$d/c.png"
	[ "$status" -eq 0 ]
	[ "$(head -c 8 "$d/c.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
	run --separate-stderr pk plot "$QUICK_JSON" --plot="$d/c.svg"
	[ "$status" -eq 0 ]
	grep -q '<svg' "$d/c.svg"
	tail -n 3 "$d/c.svg" | grep -q '</svg>'
	run --separate-stderr pk plot "$QUICK_JSON" --plot="$d/c.pdf"
	[ "$(head -c 5 "$d/c.pdf")" = "%PDF-" ]
	run --separate-stderr pk bench loop getppid --quick --plot="$d/b.png"
	[ "$status" -eq 0 ]
	[ "$(head -c 4 "$d/b.png" | od -An -tx1 | tr -d ' \n')" = 89504e47 ]
	[ -z "$(find "$d" -name '*.tmp-*')" ]
}

@test "bench --plot draws on the terminal after the table" {
	run --separate-stderr pk bench loop getppid sweep_mprotect --quick --plot
	[ "$status" -eq 0 ]
	[[ $output == *"Results"* ]]
	[[ $output == *"Per operation: median, bar from p5 to p95"* ]]
	[[ $output == *"One access switch against region size"* ]]
	[[ $output == *"getppid"* ]]
	[ -z "$stderr" ]
}

@test "plot and --compare: ratios in the table, the JSON and the chart" {
	run --separate-stderr pk plot "$QUICK_JSON" --compare "$QUICK_JSON" --json \
		--plot="$BATS_TEST_TMPDIR/cmp.svg"
	[ "$status" -eq 0 ]
	jq -e 'all(.results[] | select(.measured); .ratio == 1)' <<<"$output"
	jq -e 'all(.results[] | select(.measured | not); .ratio == null)' <<<"$output"
	grep -q 'getppid x1.00' "$BATS_TEST_TMPDIR/cmp.svg"
	run --separate-stderr pk bench getppid --quick --compare "$QUICK_JSON"
	[ "$status" -eq 0 ]
	[[ $output == *RATIO* ]]
	grep -Eq '^  getppid .* [0-9]+\.[0-9]{2} +-$' <<<"$output"
}

@test "gnuplot missing: the numbers are still printed and written, one line, exit 2" {
	d=$BATS_TEST_TMPDIR
	run --separate-stderr env PATH=/nonexistent "$TOP/$PKEYCTL" bench loop --quick \
		--output "$d/n.json" --plot="$d/n.png"
	[ "$status" -eq 2 ]
	[[ $output == *"Results"*"loop"* ]]
	jq -e '.results[0].measured' "$d/n.json"
	[ ! -e "$d/n.png" ]
	[ "$stderr" = "pkeyctl: bench: no chart: gnuplot is not in PATH (install gnuplot)" ]
	run --separate-stderr env PATH=/nonexistent "$TOP/$PKEYCTL" plot "$QUICK_JSON"
	[ "$status" -eq 2 ]
}

@test "bad bench and plot input: one line and the documented status" {
	for cmd in "bench nosuch" "bench --samples 0" "bench --samples -3" "bench --samples x" \
		"bench --min-time 0" "bench --plot=out.bmp" "bench --plot=noext" \
		"bench --json --plot" "bench -q --plot" "plot" "plot a.json b.json" \
		"plot $QUICK_JSON --plot=x.gif"; do
		eval "run --separate-stderr pk $cmd"
		assert_usage_error || { echo "pkeyctl $cmd"; return 1; }
	done
	run --separate-stderr pk bench loop --quick --output /nonexistent/dir/r.json
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "$stderr" = "pkeyctl: bench: cannot write /nonexistent/dir/r.json: No such file or directory" ]
	run --separate-stderr pk plot /nonexistent.json
	[ "$status" -eq 2 ]
	[ "$stderr" = "pkeyctl: plot: cannot read /nonexistent.json: No such file or directory" ]
	pk probe --json >"$BATS_TEST_TMPDIR/probe.json" || true
	run --separate-stderr pk plot "$BATS_TEST_TMPDIR/probe.json"
	[ "$status" -eq 2 ]
	[[ $stderr == *"not the JSON of 'pkeyctl bench'"* ]]
	run --separate-stderr pk bench getppid --quick --compare "$BATS_TEST_TMPDIR/probe.json"
	[ "$status" -eq 2 ]
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
}

@test "asking only for benchmarks that cannot run here: skipped with the reason, exit 4" {
	grep -qw ospke /proc/cpuinfo && skip "this machine has usable keys"
	run --separate-stderr pk bench wrpkru rdpkru --quick --json
	[ "$status" -eq 4 ]
	jq -e '(.results | length) == 2 and all(.results[]; (.measured | not) and (.reason | startswith("skipped: ")))' <<<"$output"
}

@test "a progress bar on stderr when it is a terminal, and never otherwise" {
	command -v script
	run script -qec "\"$TOP/$PKEYCTL\" bench loop getppid --quick 2>&1 >/dev/null" /dev/null
	[ "$status" -eq 0 ]
	[[ $output == *"] 0/2 loop"* ]]
	[[ $output == *"##############################] 2/2"* ]]
	run --separate-stderr pk bench loop getppid --quick
	[ -z "$stderr" ]
	run script -qec "\"$TOP/$PKEYCTL\" bench loop --quick -q 2>&1" /dev/null
	[ -z "$output" ]
}
