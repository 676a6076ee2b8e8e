# fleet-oracle.jq: the expected answers of fluxstat-fleet's questions,
# computed straight from the reports (the documents, one per input) with
# jq, independently of the SQL files and of the stores.  Arguments:
# $from, $to (days, inclusive), $k (K of the k-anonymity), $q (question).
# Shares and rates are rounded half up on exact integers, as the SQL does:
# floor((2*10^d*a + b) / (2*b)) / 10^d.

def rnd($d; a; b): if b == 0 then 0 else
	((2 * $d * a + b) / (2 * b) | floor) / $d end;

# [{id, g}] -> [{g, ids}]: a group resting on fewer than $k installations
# is named "other", merged with the other small ones (a union of ids)
def merged($k):
	(group_by(.g) | map({g: .[0].g, n: (map(.id) | unique | length)})
	 | map(select(.n < $k) | {(.g): true}) | add // {}) as $small
	| map(.g |= (if $small[.] then "other" else . end))
	| group_by(.g) | map({g: .[0].g, ids: (map(.id) | unique)});

def days: ($from | strptime("%Y-%m-%d") | mktime) as $f
	| ($to | strptime("%Y-%m-%d") | mktime) as $t
	| [range($f; $t + 1; 86400) | strftime("%Y-%m-%d")];

def val($name): .m[] | select(.metric == $name) | .value;

[inputs | {id: .installation_id, day: .period.from[0:10], m: .metrics}
 | select(.day >= $from and .day <= $to)] as $R
| ($R | group_by(.id) | map(max_by(.day))) as $S
| ($S | length) as $active
# every installation-day with its version (days without one are left out)
| [$R[] | . as $r | [val("install.version")][0] as $v
   | select($v != null) | $r + {v: $v}] as $V
| ($V | map({id, g: .v}) | group_by(.g)
   | map({g: .[0].g, n: (map(.id) | unique | length)})
   | map(select(.n < $k) | {(.g): true}) | add // {}) as $smallv
| def vg: if $smallv[.] then "other" else . end;

if $q == "installations" then
	($R | group_by(.day) | map({(.[0].day): (map(.id) | unique | length)})
	 | add // {}) as $n
	| days[] | {day: ., installations: ($n[.] // 0)}

elif $q == "versions" then
	[$S[] | {id, g: [val("install.version")][0]} | select(.g != null)]
	| merged($k)
	| map({version: .g, installations: (.ids | length),
	       share: rnd(10000; (.ids | length); $active)})
	| sort_by([-.installations, .version])[]

elif $q == "setups" then
	[("install.license.edition", "install.license.type", "device.os.name",
	  "device.os.version", "config.email.service", "device.cpu.count",
	  "config.printers") as $dim
	 | [$S[] | . as $s
	    | if $dim == "config.printers" then
		(.m[] | select(.metric == $dim and .value > 0)
		 | {id: $s.id, g: .labels.model})
	      else (.m[] | select(.metric == $dim)
		 | {id: $s.id, g: (.value | tostring)}) end]
	 | merged($k)
	 | map({dimension: $dim, value: .g, installations: (.ids | length),
		share: rnd(10000; (.ids | length); $active)})
	 | sort_by([-.installations, .value])[]]
	| sort_by(.dimension)[]

elif $q == "adoption" then
	[$S[] | .id as $id | .m[]
	 | if .metric == "config.system.setting" and .value == 1 then
		{id: $id, g: "system.\(.labels.setting)"}
	   elif .metric == "webshop.portal.setting" and .value == 1 then
		{id: $id, g: "portal.\(.labels.setting)"}
	   elif .metric == "install.addon" then
		{id: $id, g: "addon.\(.labels.addon)"}
	   elif .metric == "config.preflight.checks" and .value > 0 then
		{id: $id, g: "preflight.\(.labels.check)"}
	   elif .metric == "webshop.users" and .value > 0 then
		{id: $id, g: "webshop"}
	   else empty end]
	| merged($k)
	| map({feature: .g, installations: (.ids | length),
	       share: rnd(10000; (.ids | length); $active)})
	| sort_by([-.share, .feature])[]

elif $q == "usage" then
	# per metric, label and installation; "" (no label) names nothing,
	# so it is never merged
	[$R[] | .id as $id | .m[] | select(.metric | startswith("usage."))
	 | {metric, label: ((.labels | to_entries[0].value) // ""), id: $id,
	    value}]
	| group_by(.metric)
	| map(.[0].metric as $m
	      | (group_by(.label)
		 | map({l: .[0].label,
			n: (group_by(.id) | map(select((map(.value) | add) > 0))
			    | length)})
		 | map(select(.n < $k and .l != "") | {(.l): true})
		 | add // {}) as $small
	      | map(.label |= (if $small[.] then "other" else . end))
	      | group_by(.label)
	      | map({metric: $m, label: .[0].label,
		     total: (map(.value) | add),
		     installations: (group_by(.id)
			| map(select((map(.value) | add) > 0)) | length)}))
	| flatten | sort_by([.metric, .label])[]

elif $q == "stability" then
	[$V[] | {g: (.v | vg),
		 printed: ([val("usage.jobs.printed")] | add // 0),
		 failed: [.m[] | select(.metric == "health.jobs.failed")
			  | {error: .labels.error, value}]}]
	| group_by(.g)
	| map(.[0].g as $g
	      | (map(.printed) | add) as $printed
	      | (map(.failed[].value) | add // 0) as $all
	      | [.[].failed[]] | group_by(.error)
	      | map({version: $g, error: .[0].error,
		     failed: (map(.value) | add),
		     printed: $printed}
		    | select(.failed > 0)
		    | .rate = rnd(1000000; .failed; $printed + $all)))
	| flatten | sort_by([.version, .error])[]

elif $q == "sources" then
	[$V[] | (.v | vg) as $g | .m[]
	 | select(.metric == "health.source.status")
	 | {source: .labels.source, version: $g, error: (.value == "error")}]
	| group_by([.source, .version])
	| map({source: .[0].source, version: .[0].version,
	       error_days: map(select(.error)) | length, days: length}
	      | .share = rnd(10000; .error_days; .days))
	| sort_by([.source, .version])[]

elif $q == "durations" then
	[$V[] | (.v | vg) as $g | .id as $id | .m[]
	 | select(.metric == "health.jobs.duration_ms"
		  and .labels.quantile == "0.95")
	 | {version: $g, id: $id, value}]
	| group_by(.version)
	| map({version: .[0].version,
	       installations: (map(.id) | unique | length),
	       p95_median: (map(.value) | sort
			    | .[((length + 1) / 2 | floor) - 1])})
	| sort_by(.version)[]

else error("unknown question \($q)") end
