#!/bin/sh
# The stores no metric reads (assets/, backups/, exports/jobs/ of
# fluxstat-stores(7)) never reach a report: no pipeline names them; the
# personal names mkflux planted in their file names and contents are in no
# stage's output; and the report is the same whether those folders are
# there, gone, or unreadable, so nothing of them is read at all.
# (lib.sh sets $T and $rc)
# shellcheck disable=SC2154
. "$top_srcdir/tests/lib.sh"
plan 9

RUN=$top_builddir/pipelines/fluxstat-run
day=2026-11-29
zone=Europe/Berlin

cd "$top_srcdir"
is "no pipeline script names assets/, backups/ or exports/" \
	"$(grep -lE '(assets|backups|exports)/' pipelines/*.in share/sql/*.sql share/jq/*.jq |
		grep -v 'fluxstat-run\.8\.in' | grep -v 'inventory')" ""

F=$T/flux
mkflux --seed 5 --scale 1 --day "$day" --tz "$zone" "$F" >/dev/null
# conf ROOT STATE: a configuration for the preview
conf() {
	printf '%s\n' "FLUX_ROOT=$1" "FLUXSTAT_STATE=$2" "FLUXSTAT_TZ=$zone" \
		FLUXSTAT_SPLAY=0 >"$T/$3.conf"
}
# the report without the moment it was made and the id (each state has its own)
canon() { jq -cS 'del(.generated_at, .installation_id)' "$1"; }

# the planted strings the private folders hold, in names or contents
grep -v '^$' "$F/planted.txt" >"$T/planted"
(cd "$F" && find assets backups exports -print && find assets backups exports -type f -exec cat {} +) >"$T/private"
grep -aoFf "$T/planted" "$T/private" | sort -u >"$T/theirs" || true
ok "the private folders hold planted personal strings ($(wc -l <"$T/theirs"))" test -s "$T/theirs"

conf "$F" "$T/state" with
run "$RUN" --config "$T/with.conf" --preview --keep --date "$day"
is "with the folders: --preview exits 0" "$rc" 0
cp "$T/out" "$T/with.json"
grep -aFhof "$T/theirs" "$T/with.json" "$T/state/runs/$day"/* >"$T/leak" || true
is "none of their strings in the report or any stage's output or message" \
	"$(sort -u "$T/leak" | head -n 5)" ""

# gone
G=$T/gone
cp -R "$F" "$G"
(cd "$G" && rm -rf assets backups exports)
conf "$G" "$T/state-gone" gone
run "$RUN" --config "$T/gone.conf" --preview --date "$day"
is "without them: exit 0" "$rc" 0
cp "$T/out" "$T/gone.json"
# (the store sizes aside: the first preview's read left a -shm beside the
# databases of $F, not of the copy)
is "without them: the same report" \
	"$(canon "$T/gone.json" | jq -c '.metrics |= map(select(.metric != "health.store.bytes"))')" \
	"$(canon "$T/with.json" | jq -c '.metrics |= map(select(.metric != "health.store.bytes"))')"

# unreadable: a reader of them would fail and say so
U=$T/unreadable
cp -R "$F" "$U"
(cd "$U" && rm -rf assets backups exports && mkdir assets backups exports && chmod 000 assets backups exports)
# (the state folder is made by that user, in a folder open to all)
mkdir "$T/open" && chmod 1777 "$T/open"
conf "$U" "$T/open/state" unreadable
chmod o+x "$T"
# (SQLite readers of a WAL database write its -shm: the folders are open)
chmod -R a+rwX "$U/install.json" "$U/monitoring" "$U/mongodb" "$U/jobs" "$U/web"
chmod a+rx "$U"
chmod a+r "$T/unreadable.conf"
run as_nobody "$RUN" --config "$T/unreadable.conf" --preview --date "$day"
is "unreadable (and read as nobody): exit 0, nothing on stderr" "$rc:$(cat "$T/err")" 0:
cp "$T/out" "$T/unreadable.json"
is "unreadable: the same report" \
	"$(canon "$T/unreadable.json" | jq -c '.metrics |= map(select(.metric != "health.store.bytes"))')" \
	"$(canon "$T/with.json" | jq -c '.metrics |= map(select(.metric != "health.store.bytes"))')"
is "unreadable: every source ok" \
	"$(jq -r '[.metrics[] | select(.metric == "health.source.status") | .value] | unique | join(" ")' "$T/unreadable.json")" ok
