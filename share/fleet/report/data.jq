# data.jq: the answers of fluxstat-fleet (slurped, one array per question)
# as tab-separated tables for gnuplot, one per chart, chosen by $chart.
# Every name in them comes from an answer, so k-anonymity holds here too.
# An empty answer gives one row "(none)" of zeros: gnuplot refuses to
# plot a file without points, and an empty chart says it plainly.
def tsv: map(tostring) | join("\t");
def or_none(f): if length == 0 then f else . end;

if $chart == "installations" then
	$installations[] | [.day, .installations] | tsv

elif $chart == "versions" then
	# one row per day, one column per version seen on any day (share %)
	($over_time | map(.version) | unique | or_none(["(none)"])) as $vs
	| (["day"] + $vs | tsv),
	  ($over_time | or_none([$installations[] | {day, version: "(none)",
		share: 0}]) | group_by(.day)[]
	   | (map({(.version): .share}) | add) as $s
	   | [.[0].day] + [$vs[] | (($s[.] // 0) * 100)] | tsv)

elif $chart == "adoption" then
	# the 25 most adopted, the top one drawn at the top
	$adoption | or_none([{feature: "(none)", share: 0}])
	| .[:25] | reverse[] | [.feature, (.share * 100)] | tsv

elif $chart == "stability" then
	# rows: versions; columns: errors; cells: failures per 1000 jobs
	($stability | or_none([{version: "(none)", error: "(no failures)",
		rate: 0}])) as $stability
	| ($stability | map(.error) | unique) as $es
	| (["version"] + $es | tsv),
	  ($stability | group_by(.version)[]
	   | (map({(.error): .rate}) | add) as $r
	   | [.[0].version] + [$es[] | (($r[.] // 0) * 1000)] | tsv)

elif $chart == "durations" then
	$durations | or_none([{version: "(none)", p95_median: 0}])
	| .[] | [.version, (.p95_median / 1000)] | tsv

else error("unknown chart \($chart)") end
