#!/bin/sh
# The data fluxstat-inventory stands on, checked without running it: the
# catalogue's "source" of every metric, share/inventory/stores.json
# against the personal fields of fluxstat-stores(7) (copied into
# tests/data/inventory/pii-fields.txt),
# and the inventory SQL files against the tables of stores.json.
. "$top_srcdir/tests/lib.sh"
need jq
plan 11

S=$top_srcdir/share
CAT=$S/catalog.json
ST=$S/inventory/stores.json
grep -v '^#' "$S/vocab/sources.txt" | grep -v '^$' | sort >"$T/sources"

is "every catalogued metric has a source (a name or a list of names)" \
	"$(jq -r '.metrics[] | select(.source | if type == "string" then . == ""
		elif type == "array" then length == 0 or any(.[]; type != "string" or . == "")
		else true end) | .metric' "$CAT")" ""
jq -r '.metrics[].source | if type == "array" then .[] else . end' "$CAT" | sort -u >"$T/used"
same "the sources are the pipelines of vocab/sources.txt, each one used" "$T/used" "$T/sources"
is "health.store.bytes: the three stores it measures" \
	"$(jq -c '.metrics[] | select(.metric == "health.store.bytes") | .source | sort' "$CAT")" \
	'["mongodb","monitoring","webshop"]'
is "health.source.status: every source" \
	"$(jq -r '.metrics[] | select(.metric == "health.source.status") | .source | sort | join(" ")' "$CAT")" \
	"$(tr '\n' ' ' <"$T/sources" | sed 's/ $//')"

grep -v '^#' "$top_srcdir/tests/data/inventory/pii-fields.txt" | sort >"$T/pii.want"
jq -r '.stores[] | .id as $i
	| ((.personal // [])[], ((.parts // [])[] | .name as $p | .personal[] | "\($p).\(.)"))
	| "\($i) \(.)"' "$ST" | sort >"$T/pii.got"
same "the personal fields of stores.json are those of fluxstat-stores(7)" "$T/pii.got" "$T/pii.want"

is "store ids: unique, the fourteen stores" "$(jq -r '[.stores[].id] | join(" ")' "$ST")" \
	"install monitoring mongodb jobs webshop webshop_items portal avatars icc_profiles register_marks forms_templates product_images backups job_exports"
is "every store's source is a pipeline, or none" \
	"$(jq -r '.stores[] | select(.source != null) | .source' "$ST" | sort -u | comm -23 - "$T/sources")" ""
is "no source: assets/, backups/, exports/jobs/, folders counted by file, personal" \
	"$(jq -c '[.stores[] | select(.source == null) | [.path, .kind, .count, (.personal | length > 0), (.only // .except)]]' "$ST")" \
	'[["assets/avatars","folder","files",true,null],["assets/icc","folder","files",true,null],["assets/register-marks","folder","files",true,null],["assets/forms-templates","folder","files",true,null],["assets/product-images","folder","files",true,null],["backups","folder","files",true,null],["exports/jobs","folder","files",true,null]]'

is "only/except name catalogued metrics of the store's own source" \
	"$(jq -r --slurpfile c "$CAT" '.stores[] | .source as $s
		| ((.only // []) + (.except // []))[] as $m
		| select([$c[0].metrics[] | select(.metric == $m)
			| .source | if type == "array" then .[] else . end] | index([$s]) | not)
		| "\(.id): \($m)"' "$ST")" ""

# the SQL files count exactly the tables stores.json describes
bad=
for id in $(jq -r '.stores[] | select(.kind == "sqlite") | .id' "$ST"); do
	sql=$S/$(jq -r --arg id "$id" '.stores[] | select(.id == $id) | .sql' "$ST")
	want=$(jq -r --arg id "$id" '.stores[] | select(.id == $id) | .parts[].name' "$ST" | sort | tr '\n' ' ')
	got=$(sed -n "s/.*'\\([a-z_]*\\)' AS part.*/\\1/p" "$sql" | sort | tr '\n' ' ')
	stores=$(sed -n "s/.*'\\([a-z_]*\\)' AS store.*/\\1/p" "$sql" | sort -u)
	[ "$want" = "$got" ] && [ "$stores" = "$id" ] || bad="$bad $id"
done
is "inventory SQL: one count per described table, labelled with its store" "$bad" ""
# every statement is a count(*) over a whole table: no column is read
is "inventory SQL: count(*) only, never a column" \
	"$(cat "$S"/sql/inventory-*.sql | grep -v '^--' | tr '\n' ' ' | tr ';' '\n' |
		grep -v '^ *$' | grep -cvE "^ *SELECT 'inventory\.rows' AS metric, +'[a-z_]+' AS store, +'[a-z_]+' AS part, count\(\*\) AS value FROM [a-z_]+ *\$")" 0
