#!/bin/sh
# fluxstat-send against a real HTTPS receiver (nginx running
# share/receiver/fluxstat-receiver.conf on loopback) and a file:// folder.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/nginx.sh"
nginx_have || bail "nginx with the WebDAV module and openssl are needed (./quickstart check installs them)"
plan 91

S=$T/state
mkdir -p "$S/spool" "$T/drop"
: >"$T/allerr"

# spool DAY [BYTES]: a packed report for DAY (random bytes: incompressible)
spool() {
	if [ $# -gt 1 ]; then
		head -c "$2" /dev/urandom | fluxstat-pack -o "$S/spool/$1.json.gz"
	else
		printf '{"day":"%s","metrics":[]}\n' "$1" | fluxstat-pack -o "$S/spool/$1.json.gz"
	fi
	cp "$S/spool/$1.json.gz" "$T/$1.orig"
}
# send [OPTIONS]: installation A against the reference receiver
send() {
	fluxstat-send --state "$S" --installation-id "$RX_ID_A" \
		--token-file "$T/token" --ca-file "$RX_CA" "$@"
}
# srun CMD...: run, and keep stderr for the final "token never written" check
srun() {
	run "$@"
	cat "$T/err" >>"$T/allerr"
}
ms() { date +%s%3N; }
files() { (cd "$1" 2>/dev/null && find . -type f | sed 's|^\./||' | sort | tr '\n' ' '); }
reports() { files "$RX_WWW/installations/$RX_ID_A/reports"; }

### file:// endpoints: no server, an atomic copy into the same layout
spool 2026-11-01
spool 2026-11-02
srun fluxstat-send --state "$S" --endpoint "file://$T/drop" --installation-id "$RX_ID_A"
is "file://: both reports delivered, status 0" "$rc" 0
same "file://: the copy has the spooled bytes" \
	"$T/drop/installations/$RX_ID_A/reports/2026-11-01.json.gz" "$T/2026-11-01.orig"
is "file://: the spool is empty, sent/ has both" "$(files "$S/spool")|$(files "$S/sent")" \
	"|2026-11-01.json.gz 2026-11-02.json.gz "
is "file://: no temporary file left in the folder" "$(find "$T/drop" -name '.*' | wc -l)" 0
# a sender killed during a copy leaves its temporary: the next copy of
# the day removes it, and one of a day that never comes back goes once
# it is older than --timeout; a young one (a live sender's) stays
R=$T/drop/installations/$RX_ID_A/reports
printf 'partial' >"$R/.2026-11-02.json.gz.Ab3dE9"
printf 'partial' >"$R/.2025-01-01.json.gz.x8Yz12"
printf 'partial' >"$R/.2025-01-02.json.gz.q1W2e3"
printf 'not ours' >"$R/.notes.txt.Ab3dE9"
touch -d '1 hour ago' "$R/.2025-01-01.json.gz.x8Yz12" "$R/.notes.txt.Ab3dE9"
cp "$T/2026-11-02.orig" "$S/spool/2026-11-02.json.gz"
srun fluxstat-send --state "$S" --endpoint "file://$T/drop" --installation-id "$RX_ID_A"
is "file://: a killed copy's temporary is removed; a young one and others' stay" \
	"$rc $(cd "$R" && find . -maxdepth 1 -name '.?*' | sed 's|^\./||' | sort | tr '\n' ' ')" \
	"0 .2025-01-02.json.gz.q1W2e3 .notes.txt.Ab3dE9 "
rm -f "$R/.2025-01-02.json.gz.q1W2e3" "$R/.notes.txt.Ab3dE9"
# and a real kill -9 in the middle of copies: a sender stopped at random
# points, then a normal run: every report once, no temporary left
for d in 20 21 22 23 24 25; do spool 2026-10-$d 300000; done
for ms in 5 15 30 60; do
	fluxstat-send --state "$S" --endpoint "file://$T/drop" --installation-id "$RX_ID_A" \
		2>/dev/null &
	kp=$!
	sleep "0.0$ms" 2>/dev/null || sleep 1
	kill -9 "$kp" 2>/dev/null || true
	wait "$kp" 2>/dev/null || true
done
srun fluxstat-send --state "$S" --endpoint "file://$T/drop" --installation-id "$RX_ID_A"
ok "file://: after kill -9 during copies, a normal run delivers the rest" test "$rc" -eq 0
is "file://: no temporary is left in the endpoint or the state folder" \
	"$(find "$T/drop" "$S" -name '.*' | wc -l)" 0
n=0
for d in 20 21 22 23 24 25; do
	cmp -s "$R/2026-10-$d.json.gz" "$T/2026-10-$d.orig" && n=$((n + 1))
done
is "file://: each killed day arrived whole" "$n" 6
rm -f "$R"/2026-10-* "$S"/sent/2026-10-*

spool 2026-11-09
srun fluxstat-send --state "$S" --endpoint "file://$T/unmounted" --installation-id "$RX_ID_A"
is "file:// folder missing (not mounted): status 75, the report waits" \
	"$rc $(files "$S/spool")" "75 2026-11-09.json.gz "
rm "$S/spool/2026-11-09.json.gz"

### the spool is bounded: by age, then by count; each drop is named
for d in 03 04 05 06 07; do spool 2026-11-$d; done
touch -d '40 days ago' "$S/spool/2026-11-03.json.gz"
srun fluxstat-send --state "$S" --endpoint "file://$T/drop" --installation-id "$RX_ID_A" \
	--max-files 3 --max-age-days 30
is "bounded spool: status 0" "$rc" 0
like "a report older than --max-age-days is dropped by name" "$T/err" \
	"2026-11-03\.json\.gz: dropped, it waited more than 30 days"
like "the oldest beyond --max-files is dropped by name" "$T/err" \
	"2026-11-04\.json\.gz: dropped, more than 3 reports wait"
is "only the newest three were delivered" "$(files "$T/drop/installations/$RX_ID_A/reports")" \
	"2026-11-01.json.gz 2026-11-02.json.gz 2026-11-05.json.gz 2026-11-06.json.gz 2026-11-07.json.gz "

### sent/ keeps 90 days
touch -d '100 days ago' "$S/sent/2026-11-01.json.gz"
touch -d '10 days ago' "$S/sent/2026-11-02.json.gz"
srun fluxstat-send --state "$S" --endpoint "file://$T/drop" --installation-id "$RX_ID_A"
is "sent/: older than 90 days pruned, younger kept, nothing to do is 0" \
	"$rc $(files "$S/sent")" "0 2026-11-02.json.gz 2026-11-05.json.gz 2026-11-06.json.gz 2026-11-07.json.gz "

### a damaged file in the spool is not sent
spool 2026-11-08
head -c 30 "$T/2026-11-08.orig" >"$S/spool/2026-11-08.json.gz"
srun fluxstat-send --state "$S" --endpoint "file://$T/drop" --installation-id "$RX_ID_A"
is "truncated spool file: status 65" "$rc" 65
is "it moved to failed/ with a note, not delivered" \
	"$(files "$S/failed") $(test -e "$T/drop/installations/$RX_ID_A/reports/2026-11-08.json.gz" && echo delivered)" \
	"2026-11-08.json.gz 2026-11-08.json.gz.answer  "
like "the note says why" "$S/failed/2026-11-08.json.gz.answer" "not a whole gzip report"

### configuration errors
fails 78 "http:// is refused (reports never travel unencrypted)" \
	fluxstat-send --state "$S" --endpoint http://127.0.0.1:9/ --installation-id "$RX_ID_A"
fails 64 "an installation id that is not a UUID (here a path) is refused" \
	fluxstat-send --state "$S" --endpoint "file://$T/drop" --installation-id ../x
run fluxstat-send --help
is "--help: usage on stdout, status 0" "$rc $(head -c 6 "$T/out")" "0 usage:"
run fluxstat-send --version
like "--version names the program and the package" "$T/out" "^fluxstat-send \(fluxstat\) [0-9]"
fails 64 "--state is required" fluxstat-send --endpoint "file://$T/drop" --installation-id "$RX_ID_A"
fails 78 "https without a token or client certificate is refused" \
	fluxstat-send --state "$S" --endpoint https://127.0.0.1:9 --installation-id "$RX_ID_A"
: >"$T/notafolder"
srun fluxstat-send --state "$T/notafolder" --endpoint "file://$T/drop" --installation-id "$RX_ID_A"
is "a state folder that is a file: status 78" "$rc" 78
is "and the message says so, not a stale errno" "$(cat "$T/err")" \
	"fluxstat-send: $T/notafolder: state folder: not a folder"

### the real receiver
if ! nginx_start; then
	echo "Bail out! nginx did not start"
	exit 1
fi
printf '%s\n' "$RX_TOKEN_A" >"$T/token"
cp "$T/token" "$T/token-stall"

# stalled servers take seconds: three senders (own state folders) run
# against them in the background while the other cases run
stalled() { # NAME OPTIONS...: status and milliseconds in $T/NAME/result
	_k=$1
	shift
	mkdir -p "$T/$_k/spool"
	printf '{"stalled":1}\n' | fluxstat-pack -o "$T/$_k/spool/2026-11-12.json.gz"
	_t0=$(ms)
	_rc=0
	fluxstat-send --state "$T/$_k" --installation-id "$RX_ID_A" --token-file "$T/token-stall" \
		--ca-file "$RX_CA" --retries 0 "$@" 2>"$T/$_k/err" || _rc=$?
	echo "$_rc $(($(ms) - _t0))" >"$T/$_k/result"
}
stalled connect --endpoint "https://127.0.0.1:$RX_STALL_PORT" --connect-timeout 1 &
pc=$!
stalled slow --endpoint "$RX_TEST_URL/slow" --stall-timeout 1 &
ps=$!
stalled total --endpoint "$RX_TEST_URL/slow" --timeout 2 &
pt=$!
chmod 644 "$T/token"
spool 2026-11-10
srun send --endpoint "$RX_URL"
is "token file readable by others: status 77" "$rc" 77
like "and it says why" "$T/err" "token file is open to group or others \(mode 644\)"
like "its last line (what fluxstat-run logs) says the problem is local" \
	"$(tail -n 1 "$T/err" >"$T/last"; echo "$T/last")" "a local problem: nothing was sent"
unlike "and does not blame the receiver" "$T/last" "receiver|server"

is "no request was made, the report stays" "$(nginx_count PUT) $(files "$S/spool")" "0 2026-11-10.json.gz "
chmod 600 "$T/token"

srun send --endpoint "$RX_URL" -v
is "delivered: status 0" "$rc" 0
same "the receiver has the spooled bytes" \
	"$RX_WWW/installations/$RX_ID_A/reports/2026-11-10.json.gz" "$T/2026-11-10.orig"
ok "the report moved to sent/" test -f "$S/sent/2026-11-10.json.gz" -a ! -e "$S/spool/2026-11-10.json.gz"
like "PUT with Content-Type, Content-Encoding, User-Agent" "$RX_LOG" \
	"^PUT /installations/$RX_ID_A/reports/2026-11-10\.json\.gz 201 ct=application/json ce=gzip ua=fluxstat/[0-9.]+$"
run fluxstat-pack -d "$RX_WWW/installations/$RX_ID_A/reports/2026-11-10.json.gz"
like "what arrived reads back as the document" "$T/out" '^\{"day":"2026-11-10","metrics":\[\]\}$'

spool 2026-11-11
printf 'wrong%s\n' "$RX_TOKEN_A" >"$T/badtoken"
chmod 600 "$T/badtoken"
srun send --endpoint "$RX_URL" --token-file "$T/badtoken"
is "unknown token: status 77" "$rc" 77
like "unknown token: the receiver said 401" "$RX_LOG" "2026-11-11\.json\.gz 401 "
tail -n 1 "$T/err" >"$T/last"
like "unknown token: the last line says the receiver refused it (HTTP 401)" "$T/last" \
	"not sent: the receiver refused the credentials \(HTTP 401\)"
unlike "unknown token: and not that the problem is local" "$T/last" "local"

printf '%s\n' "$RX_TOKEN_B" >"$T/tokenb"
chmod 600 "$T/tokenb"
srun send --endpoint "$RX_URL" --token-file "$T/tokenb"
is "another installation's token: status 77 (403)" "$rc $(nginx_count '2026-11-11.json.gz 403')" "77 1"
is "both times the report stayed, nothing arrived" \
	"$(files "$S/spool")$(reports)" "2026-11-11.json.gz 2026-11-10.json.gz "

srun send --endpoint "https://127.0.0.1:$RX_DOWN_PORT" --retries 1 --backoff-ms 50
is "server down: status 75" "$rc" 75
is "server down: the report stays" "$(files "$S/spool")" "2026-11-11.json.gz "
srun send --endpoint "$RX_URL"
is "the next run delivers it" "$rc $(reports)" "0 2026-11-10.json.gz 2026-11-11.json.gz "

spool 2026-11-12
t0=$(ms)
srun send --endpoint "$RX_TEST_URL/busy" --retries 1 --backoff-ms 10
t1=$(ms)
is "503 with Retry-After: status 75" "$rc" 75
is "503: one retry, so two requests" "$(nginx_count '^PUT /busy/.*2026-11-12.json.gz 503')" 2
ok "503: the retry waited the Retry-After second ($((t1 - t0)) ms)" test $((t1 - t0)) -ge 1000
is "503: the report stays" "$(files "$S/spool")" "2026-11-12.json.gz "
t0=$(ms)
srun send --endpoint "$RX_TEST_URL/busy-long" --retries 3 --max-wait 5
t1=$(ms)
is "Retry-After above --max-wait: no retry in this run, status 75" \
	"$rc $(nginx_count '^PUT /busy-long/')" "75 1"
ok "and no waiting ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 3000
like "it says so" "$T/err" "asks to wait 120 s, more than --max-wait 5"

wait $pc $ps $pt
read -r rc el <"$T/connect/result"
is "a listener that never answers: status 75" "$rc" 75
ok "within the connect timeout ($el ms)" test "$el" -lt 5000
read -r rc el <"$T/slow/result"
is "a server that takes the upload and stalls: status 75" "$rc" 75
ok "cut off by the low-speed limit ($el ms)" test "$el" -lt 15000
like "it says the transfer was too slow" "$T/slow/err" "too slow"
read -r rc el <"$T/total/result"
ok "or by the total timeout ($rc, $el ms)" test "$rc" -eq 75 -a "$el" -lt 5000
is "after all that the reports still wait" \
	"$(files "$T/connect/spool")$(files "$T/slow/spool")$(files "$T/total/spool")" \
	"2026-11-12.json.gz 2026-11-12.json.gz 2026-11-12.json.gz "
cat "$T/connect/err" "$T/slow/err" "$T/total/err" >>"$T/allerr"

srun send --endpoint "$RX_URL" --ca-file "$RX_OTHER_CA"
is "a certificate from another CA: status 77" "$rc" 77
like "it names the TLS problem" "$T/err" "TLS: SSL certificate problem"
like "its last line says the certificate is not trusted" \
	"$(tail -n 1 "$T/err" >"$T/last"; echo "$T/last")" "certificate is not trusted \(TLS\)"
srun fluxstat-send --state "$S" --installation-id "$RX_ID_A" --token-file "$T/token" \
	--endpoint "$RX_URL"
is "the test CA is not trusted by default: status 77" "$rc" 77
srun send --endpoint "https://127.0.0.2:${RX_TEST_URL##*:}/busy"
is "a certificate for another host name: status 77" "$rc" 77
like "the host name check says so" "$T/err" "127\.0\.0\.2"
is "no untrusted server got the report" \
	"$(nginx_count '^PUT /installations/.*2026-11-12') $(nginx_count '^PUT /busy/')" "0 2"

spool 2026-11-13 1500000
srun send --endpoint "$RX_URL"
is "413: status 65, and the rest is still delivered" "$rc $(reports)" \
	"65 2026-11-10.json.gz 2026-11-11.json.gz 2026-11-12.json.gz "
ok "413: the report moved to failed/" test -f "$S/failed/2026-11-13.json.gz" -a ! -e "$S/spool/2026-11-13.json.gz"
like "413: the status beside it" "$S/failed/2026-11-13.json.gz.answer" "^status: HTTP 413$"
like "413: and the first bytes of the answer" "$S/failed/2026-11-13.json.gz.answer" \
	"<title>413 Request Entity Too Large</title>"

### a receiver that echoes the request headers in its error page (some
### proxies do): the answer kept in failed/ has no credentials
for kind in echo echo-json echo-bare; do
	spool 2026-11-18
	srun send --endpoint "$RX_TEST_URL/$kind"
	is "$kind: a 400 answer, status 65, moved to failed/" \
		"$rc $(files "$S/failed" | grep -o '2026-11-18[^ ]*' | tr '\n' ' ')" \
		"65 2026-11-18.json.gz 2026-11-18.json.gz.answer "
	cp "$S/failed/2026-11-18.json.gz.answer" "$T/$kind.answer"
	rm "$S/failed/2026-11-18.json.gz" "$S/failed/2026-11-18.json.gz.answer"
done
# the same pages fetched with curl hold the token: the test means something
for kind in echo echo-json echo-bare; do
	curl -s --cacert "$RX_CA" -H "Authorization: Bearer $RX_TOKEN_A" \
		"$RX_TEST_URL/$kind/x" || true
	echo
done >"$T/echo-raw"
is "the receiver does echo the token, three times" \
	"$(grep -c -F "$RX_TOKEN_A" "$T/echo-raw")" 3
is "the token is in none of the answers kept" \
	"$(grep -l -F -e "$RX_TOKEN_A" -e "${RX_TOKEN_A%????????????????????????????????}" \
		"$T"/echo*.answer | wc -l)" 0
like "echo: the header name stays, its value is redacted" "$T/echo.answer" \
	'^Authorization: \[redacted\]$'
like "echo: the rest of the page is kept" "$T/echo.answer" '^X-Forwarded-For: 127\.0\.0\.1$'
like "echo-json: a JSON echo is redacted too" "$T/echo-json.answer" \
	'"authorization":"\[redacted\]"'
like "echo-bare: the token alone, in a sentence, is redacted" "$T/echo-bare.answer" \
	'^unknown token \[redacted\] for this path$'

### one sender at a time; a report is never uploaded twice
spool 2026-11-14
exec 4>"$S/send.lock"
flock 4
srun send --endpoint "$RX_URL"
exec 4>&-
is "while another sender holds the lock: status 75, nothing sent" \
	"$rc $(nginx_count 2026-11-14)" "75 0"
like "it says another sender is at work" "$T/err" "another fluxstat-send"
spool 2026-11-15
spool 2026-11-16
send --endpoint "$RX_URL" >/dev/null 2>>"$T/allerr" &
p1=$!
send --endpoint "$RX_URL" >/dev/null 2>>"$T/allerr" &
p2=$!
r1=0 r2=0
wait $p1 || r1=$?
wait $p2 || r2=$?
is "two senders at once: each report PUT exactly once" \
	"$(nginx_count '2026-11-14.json.gz 201') $(nginx_count '2026-11-15.json.gz 201') $(nginx_count '2026-11-16.json.gz 201')" "1 1 1"
ok "two senders at once: each exits 0 or 75 ($r1, $r2)" \
	test "$r1" -eq 0 -o "$r1" -eq 75 -a \( "$r2" -eq 0 -o "$r2" -eq 75 \)
spool 2026-11-16
printf 'changed\n' | fluxstat-pack -o "$S/spool/2026-11-16.json.gz"
srun send --endpoint "$RX_URL"
is "a day sent again replaces the receiver's copy (204)" "$rc $(nginx_count '2026-11-16.json.gz 204')" "0 1"
is "the receiver holds one file per day" "$(reports)" \
	"2026-11-10.json.gz 2026-11-11.json.gz 2026-11-12.json.gz 2026-11-14.json.gz 2026-11-15.json.gz 2026-11-16.json.gz "
run fluxstat-pack -d "$RX_WWW/installations/$RX_ID_A/reports/2026-11-16.json.gz"
is "and it is the latest one" "$(cat "$T/out")" changed

### the reference receiver's other rules
spool 2026-11-17
srun fluxstat-send --state "$S" --installation-id "$RX_ID_B" --token-file "$T/token" \
	--ca-file "$RX_CA" --endpoint "$RX_URL"
is "a valid token for another installation's path: 403, status 77" "$rc" 77
is "no folder was made for it" "$(ls "$RX_WWW/installations")" "$RX_ID_A"

### client certificates (a second server that requires one)
chmod 644 "$RX_CLIENT_KEY"
srun fluxstat-send --state "$S" --installation-id "$RX_ID_A" --ca-file "$RX_CA" \
	--endpoint "$RX_MTLS_URL" --client-cert "$RX_CLIENT_CERT" --client-key "$RX_CLIENT_KEY"
is "a client key open to others is refused: status 77" "$rc" 77
chmod 600 "$RX_CLIENT_KEY"
srun fluxstat-send --state "$S" --installation-id "$RX_ID_A" --ca-file "$RX_CA" \
	--endpoint "$RX_MTLS_URL" --client-cert "$RX_CLIENT_CERT" --client-key "$RX_CLIENT_KEY"
is "with a client certificate and no token: delivered" "$rc" 0
same "the certificate-checking server got the bytes" \
	"$T/www2/installations/$RX_ID_A/reports/2026-11-17.json.gz" "$T/2026-11-17.orig"

### the token is never written anywhere
nginx_stop
for f in "$T/allerr" "$RX/error.log" "$RX/access.log"; do
	printf '%s\n' "$f"
done >"$T/lookin"
find "$S" "$T/drop" "$RX_WWW" -type f >>"$T/lookin"
leaks=$(while read -r f; do grep -l -F -e "$RX_TOKEN_A" -e "$RX_TOKEN_B" "$f" || true; done <"$T/lookin")
is "the token appears in no log, message, state or delivered file" "$leaks" ""
