#!/bin/sh
# fluxstat-state: the installation id made once (random, version 4, 0600,
# written atomically) and checked by the library's one fs_id_valid, which
# fluxstat-report and fluxstat-send use too; the state folder as JSON.
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154
. "$top_srcdir/tests/lib.sh"
plan 17

S=$T/state
fails 66 "no id yet, no --make: exit 66" fluxstat-state --id "$S"
ok "... and nothing made" test ! -e "$S"
run fluxstat-state --id --make "$S"
id=$(cat "$T/out")
is "--make: a random version-4 UUID" "$rc $(echo "$id" | grep -cE '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')" "0 1"
is "... kept in the folder (0700), mode 0600" "$(stat -c %a "$S") $(stat -c %a "$S/installation-id") $(cat "$S/installation-id")" "700 600 $id"
is "... no temporary file left" "$(ls -A "$S")" "installation-id"
run fluxstat-state --id --make "$S"
is "... and the same id ever after" "$(cat "$T/out")" "$id"
run fluxstat-state --id --splay 1000 "$S"
is "--splay: the delay is the first 8 hex digits modulo N" "$(cat "$T/out")" "$id $((0x$(echo "$id" | cut -c1-8) % 1000))"
fluxstat-state --id --make "$T/other" >/dev/null
is "two installations, two ids" "$(test "$(cat "$T/other/installation-id")" != "$id" && echo differ)" differ
echo 8C0F6A8E-1B2C-4D5E-8F90-A1B2C3D4E5F6 >"$S/installation-id"
run fluxstat-state --id "$S"
is "an id in capitals is read in its one canonical form" "$(cat "$T/out")" 8c0f6a8e-1b2c-4d5e-8f90-a1b2c3d4e5f6
echo "../../etc" >"$S/installation-id"
run fluxstat-state --id --make "$S"
is "a damaged id: exit 78, never silently replaced" "$rc $(cat "$S/installation-id")" "78 ../../etc"
like "... saying what to do" "$T/err" 'not an installation id \(a UUID\); remove it to make a new one'
fails 64 "fluxstat-report refuses it the same way" fluxstat-report --from 2026-11-29T00:00:00Z \
	--to 2026-11-30T00:00:00Z --installation-id ../../etc
fails 64 "... and fluxstat-send" fluxstat-send --state "$S" --endpoint "file://$T" --installation-id ../../etc

echo "$id" >"$S/installation-id"
mkdir -p "$S/spool" "$S/sent" "$S/failed"
: >"$S/spool/2026-11-29.json.gz"
: >"$S/spool/.2026-11-30.json.gz.Ab12Cd"
: >"$S/sent/2026-11-27.json.gz"
: >"$S/sent/2026-11-28.json.gz"
echo 2026-11-29 >"$S/watermark"
run fluxstat-state --splay 0 --field analytics=on --field 'reason=a "quoted" reason' "$S"
is "the state as JSON: fields first, then the folder" "$(jq -c . "$T/out")" \
	"{\"analytics\":\"on\",\"reason\":\"a \\\"quoted\\\" reason\",\"state\":\"$S\",\"installation_id\":\"$id\",\"splay_seconds\":0,\"watermark\":\"2026-11-29\",\"spool\":{\"count\":1,\"days\":[\"2026-11-29\"]},\"sent\":{\"count\":2,\"days\":[\"2026-11-27\",\"2026-11-28\"]},\"last_sent\":\"2026-11-28\",\"failed\":{\"count\":0,\"days\":[]}}"
run fluxstat-state "$T/none"
is "a state folder not made yet: nulls and nothing made" "$rc $(jq -c '[.installation_id, .watermark, .spool.count]' "$T/out") $(test -e "$T/none" && echo made)" "0 [null,null,0] "
echo yesterday >"$S/watermark"
fails 78 "a watermark that is not a day: exit 78" fluxstat-state "$S"
run fluxstat-state --help
like "--help" "$T/out" '^usage: fluxstat-state '
