#!/bin/sh
# fluxstat-pack: reproducible gzip, atomic writes, strict read-back.
. "$top_srcdir/tests/lib.sh"
plan 29

mkdir "$T/spool"
doc=$T/doc.json
# a report-like document, big enough to span several zlib buffers
awk 'BEGIN {
	printf "{\"metrics\":["
	for (i = 0; i < 3000; i++)
		printf "{\"labels\":{\"n\":\"%d\"},\"metric\":\"usage.x\",\"value\":%d},", i, i * 7
	printf "{\"labels\":{},\"metric\":\"usage.y\",\"value\":1}]}\n"
}' >"$doc"

ok "pack a document from stdin" fluxstat-pack -o "$T/spool/2026-11-29.json.gz" <"$doc"
ok "pack the same document from a file argument" \
	fluxstat-pack -o "$T/again.json.gz" "$doc"
same "same document, same bytes (stdin and file, two runs)" \
	"$T/spool/2026-11-29.json.gz" "$T/again.json.gz"
is "gzip header: no name, mtime 0" \
	"$(od -An -tx1 -N10 "$T/again.json.gz" | tr -s ' ' | sed 's/^ //')" \
	"1f 8b 08 00 00 00 00 00 02 03"
gzip -dc <"$T/again.json.gz" >"$T/gunzip.out"
same "gzip -d reads it back" "$T/gunzip.out" "$doc"
run fluxstat-pack -d "$T/again.json.gz"
same "-d reads it back" "$T/out" "$doc"
run fluxstat-pack -d <"$T/again.json.gz"
same "-d reads stdin" "$T/out" "$doc"
is "the packed file is private" "$(stat -c %a "$T/spool/2026-11-29.json.gz")" 600
fluxstat-pack -1 -o "$T/fast.json.gz" <"$doc"
run fluxstat-pack -d "$T/fast.json.gz"
same "-1 compresses too and reads back" "$T/out" "$doc"

# read-back failures: nothing on stdout, status 65, the file named
size=$(wc -c <"$T/again.json.gz")
head -c $((size - 4)) "$T/again.json.gz" >"$T/short.gz"
run fluxstat-pack -d "$T/short.gz"
is "truncated trailer: status 65" "$rc" 65
is "truncated trailer: nothing on stdout" "$(wc -c <"$T/out")" 0
like "truncated trailer: says where" "$T/err" "^fluxstat-pack: .*short\.gz: truncated"
head -c $((size / 2)) "$T/again.json.gz" >"$T/half.gz"
fails 65 "cut in the middle: status 65" fluxstat-pack -d "$T/half.gz"
# flip one byte of the stored CRC-32
cp "$T/again.json.gz" "$T/crc.gz"
printf '\125' | dd of="$T/crc.gz" bs=1 seek=$((size - 8)) conv=notrunc 2>/dev/null
cmp -s "$T/crc.gz" "$T/again.json.gz" || printf '\252' | dd of="$T/crc.gz" bs=1 seek=$((size - 8)) conv=notrunc 2>/dev/null
run fluxstat-pack -d "$T/crc.gz"
is "wrong CRC: status 65, nothing on stdout" "$rc $(wc -c <"$T/out")" "65 0"
cat "$T/again.json.gz" "$T/again.json.gz" >"$T/twice.gz"
run fluxstat-pack -d "$T/twice.gz"
like "bytes after the gzip member are refused" "$T/err" "trailing bytes"
printf 'not gzip at all\n' >"$T/plain"
fails 65 "not gzip: status 65" fluxstat-pack -d "$T/plain"
fails 66 "missing file: status 66" fluxstat-pack -d "$T/nothere.gz"
run fluxstat-pack -d -m 1000 "$T/again.json.gz"
is "a document above --max-size is refused whole" "$rc $(wc -c <"$T/out")" "65 0"

# packing failures leave nothing under the final name
fails 65 "empty input is refused" fluxstat-pack -o "$T/spool/empty.json.gz" </dev/null
is "empty input leaves no file" "$(ls -A "$T/spool")" "2026-11-29.json.gz"
fails 64 "-o and -d together are a usage error" fluxstat-pack -d -o "$T/x" "$doc"
fails 73 "a missing output folder: status 73" fluxstat-pack -o "$T/nofolder/x.json.gz" "$doc"
run fluxstat-pack --help
is "--help: usage on stdout, status 0" "$rc $(head -c 6 "$T/out")" "0 usage:"
run fluxstat-pack --version
like "--version names the program and the package" "$T/out" "^fluxstat-pack \(fluxstat\) [0-9]"
fails 64 "an unknown option is a usage error" fluxstat-pack --frobnicate

# kill -9 in the middle of a write: the packer reads from a fifo that
# gets half a document, then dies before the end
mkfifo "$T/fifo"
fluxstat-pack -o "$T/spool/2026-11-30.json.gz" <"$T/fifo" &
pid=$!
exec 3>"$T/fifo"
printf '{"metrics":[' >&3
head -c 200000 "$doc" >&3
i=0
while [ $i -lt 100 ] && [ -z "$(find "$T/spool" -name '.2026-11-30.json.gz.*')" ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -9 $pid
wait $pid 2>/dev/null || true
exec 3>&-
ok "killed mid-write: no file under the final name" test ! -e "$T/spool/2026-11-30.json.gz"
is "killed mid-write: only a hidden temporary file is left" \
	"$(find "$T/spool" -name '.2026-11-30.json.gz.??????' | wc -l)" 1
ok "the next pack of that name succeeds" fluxstat-pack -o "$T/spool/2026-11-30.json.gz" "$doc"
is "and removes the stale temporary file" "$(find "$T/spool" -mindepth 1 -printf '%f\n' | sort | tr '\n' ' ')" \
	"2026-11-29.json.gz 2026-11-30.json.gz "
