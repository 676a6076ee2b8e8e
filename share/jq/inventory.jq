# inventory.jq: the jq side of fluxstat-inventory(1), run by fluxstat-json.
#
# $mode "plan": share/inventory/stores.json -> one line per store,
#   "ID KIND PATH EXTRA", for the shell to measure (EXTRA: the SQL file of
#   a sqlite store, the count of a folder, else "-").
# $mode "check": nothing; fluxstat-json's exit status says whether a JSON
#   file parses.
# $mode "doc" (--slurp): [stores.json, catalog.json, fact records...] ->
#   the inventory document (fluxstat-inventory --json).
# $mode "text": the document -> the report for people, one line per output.
#
# fluxstat-json writes every output as JSON, so a line of text arrives as
# a JSON string: every string shown is made free of quotes, backslashes
# and control characters ("?" instead) so that the caller only has to take
# off the two quotes around it.  The --json document keeps the exact text.

def plain: tostring | gsub("[[:cntrl:]]"; "?") | gsub("[\"\\\\]"; "?");

def word:
	if type == "string" and test("^[A-Za-z0-9_./-]+$") then .
	else error("stores.json: not a plain word or relative path: \(tojson)") end;

def plan:
	.stores[]
	| [(.id | word), (.kind | word), (.path | word),
	   ((.sql // .count // "-") | word)]
	| join(" ");

# --- the document ----------------------------------------------------------

def exit_reason:
	{"64": "wrong usage (a bug of fluxstat-inventory)",
	 "65": "corrupt or not in the expected format",
	 "66": "missing",
	 "69": "a program is missing",
	 "73": "cannot make a temporary file",
	 "74": "I/O error",
	 "75": "locked by the server: try again later",
	 "77": "permission denied: not readable by the user \($user) (give it the group or an ACL: fluxstat-run(8))"}[tostring] // "could not be read";

def units: {"sqlite": "rows", "mongodb": "documents", "json-file": "file"};

def doc:
	.[0] as $stores | .[1] as $cat | .[2:] as $facts
	| def fact($m; $s; $p):
		[$facts[] | select(.metric == $m and (.labels.store // "") == $s
		    and (.labels.part // "") == $p) | .value][0];
	  def fact($m; $s): fact($m; $s; "");
	  # archive rows are counted by namespace (flux.coll)
	  def measured($s):
		[$facts[] | select(.labels.part != null
		    and ((.labels.store // "mongodb") == $s))
		 | .labels.part | sub("^flux\\."; "")] | unique;
	  # (not index/1: libjq 1.6 leaks memory in it on arrays)
	  def member($v): any(.[]; . == $v);
	  def sources($m): $m.source | if type == "array" then . else [.] end;
	  def leaves($st):
		[$cat.metrics[] | select(sources(.) | member($st.source))
		 | .metric as $name
		 | select(($st.only == null) or ($st.only | member($name)))
		 | select(($st.except == null) or ($st.except | member($name) | not))
		 | $name];
	  def abs($p): if ($p | startswith("/")) then $p else $root + "/" + $p end;
	{
	  "schema": "fluxstat.inventory/1",
	  "generated_at": $now,
	  "agent": {"name": "fluxstat-inventory", "version": $version},
	  "config": {"file": $config, "flux_root": $root,
	    "mongodump": (if $dumpcmd != "" then null else $dump end),
	    "mongodump_cmd": ($dumpcmd != "")},
	  "stores": [$stores.stores[] | . as $st
	    | (fact("inventory.status"; .id) // "error") as $status
	    | (if .kind == "mongodb" and $dumpcmd != "" then "FLUX_MONGODUMP_CMD"
	       elif .kind == "mongodb" then $dump else abs(.path) end) as $path
	    | [(.parts // [])[] | . as $pt
		| (fact("inventory.rows"; $st.id; .name)
		   // fact("inventory.documents"; $st.id; .name)
		   // fact("inventory.documents"; ""; "flux." + .name)) as $n
		| (fact("inventory.part_exit"; $st.id; .name)) as $px
		| {"name": .name, "holds": .holds,
		   "status": (if $px != null then "error"
			elif $n != null then "ok"
			elif $status == "ok" then "absent"
			else null end),
		   "count": (if $n == null and $status == "ok" and $px == null
			then 0 else $n end),
		   "bytes": fact("inventory.part_bytes"; $st.id; .name),
		   "personal_fields": .personal,
		   "note": .note,
		   "error": (if $px != null then {"exit": $px,
			"reason": ($px | exit_reason)} else null end)}]
	      as $described
	    | [measured(.id)[] as $m
		| select(($st.parts // []) | map(.name) | member($m) | not)
		| {"name": $m, "holds": null,
		   "status": (if fact("inventory.part_exit"; $st.id; $m) then "error" else "ok" end),
		   "count": (fact("inventory.documents"; $st.id; $m)
			// fact("inventory.documents"; ""; "flux." + $m)
			// fact("inventory.rows"; $st.id; $m)),
		   "bytes": fact("inventory.part_bytes"; $st.id; $m),
		   "personal_fields": null,
		   "note": "not described in fluxstat-stores(7): treat as personal",
		   "error": (fact("inventory.part_exit"; $st.id; $m)
			| if . != null then {"exit": ., "reason": exit_reason} else null end)}]
	      as $extra
	    | ($described + $extra) as $parts
	    | (fact("inventory.exit"; .id)) as $x
	    | {"id": .id, "name": .name, "kind": .kind, "path": $path,
	       "status": $status,
	       "error": (if $x != null then {"exit": $x, "reason": ($x | exit_reason)}
			 elif $status == "missing" then {"exit": 66, "reason": "missing"}
			 else null end),
	       "bytes": fact("inventory.bytes"; .id),
	       "count": (if $status != "ok" then null
			 elif .kind == "json-file" then 1
			 elif .parts then ($parts | map(.count // 0) | add // 0)
			 else fact("inventory.count"; .id) end),
	       "unit": (units[.kind] // {"folders": "job folders", "json-files": "item files",
			"files": "files"}[.count]),
	       "files": (if .count == "folders" and $status == "ok" then fact("inventory.files"; .id) else null end),
	       "holds": .holds,
	       "personal": (([.personal // [] | length] + [$parts[] | .personal_fields // ["?"] | length]
			     | add) > 0),
	       "personal_fields": ((.personal // [])
			+ [$parts[] | .name as $pn | (.personal_fields // [])[] | "\($pn).\(.)"]),
	       "access": .access,
	       "parts": $parts,
	       "source": .source,
	       "leaves": leaves(.),
	       "note": .note}],
	  "host": {"leaves": [$cat.metrics[] | select(sources(.) | member("device")) | .metric]},
	  "analytics": {"state": $analytics, "reason": $reason,
	    "endpoint": (if $endpoint == "" then null else $endpoint end),
	    "sent": $sent,
	    "leaves": "only the catalogued statistics listed per store, after fluxstat-scrub; never rows, documents or files"}
	};

# --- the text ----------------------------------------------------------------

def lpad($n): if $n > length then (" " * ($n - length)) + . else . end;
def rpad($n): if $n > length then . + (" " * ($n - length)) else . end;

# rows: arrays of strings; $align: one letter per column, l or r
def table($align):
	. as $rows
	| [range(0; $rows[0] | length) as $i | [$rows[][$i] | length] | max] as $w
	| $rows[]
	| [to_entries[] | .key as $i | .value
	   | if $align[$i:$i + 1] == "r" then lpad($w[$i]) else rpad($w[$i]) end]
	| join("  ") | sub(" +$"; "");

def human:
	if . == null then "-"
	elif . < 1024 then "\(.) B"
	else [., 0] | until(.[0] < 1024 or .[1] == 4; [.[0] / 1024, .[1] + 1])
	  | ((.[0] * 10 | round) / 10 | tostring
	     | if test("\\.") then . else . + ".0" end)
	    + " " + ["B", "KiB", "MiB", "GiB", "TiB"][.[1]]
	end;

def singular: {"rows": "row", "documents": "document", "files": "file",
	"job folders": "job folder", "item files": "item file"}[.] // .;
def count($unit):
	if . == null then "-"
	elif . == 1 then "1 \($unit | singular)"
	else "\(.) \($unit)" end;

# a long list: lines of at most $w characters (a longer item alone),
# further lines under the first
def wrap($w):
	if length == 0 then ["-"]
	else reduce .[] as $x ([];
		if length > 0 and (.[-1] | length) + 2 + ($x | length) <= $w
		then .[-1] += ", " + $x else . + [$x] end)
	| (.[:-1] | map(. + ",")) + .[-1:]
	end;

def text:
	. as $d
	| def rel: if startswith($d.config.flux_root + "/")
		then .[($d.config.flux_root | length) + 1:] else . end;
	"Data stores of the Flux installation at \($d.config.flux_root | plain)",
	"measured \($d.generated_at) by fluxstat-inventory \($d.agent.version)",
	"",
	([["STORE", "PATH", "STATUS", "SIZE", "RECORDS"]]
	 + [$d.stores[] | . as $s
	    | (["\(.name)", (.path | rel), .status, (.bytes | human),
		(.count | count($s.unit))
		+ (if .files != null then ", \(.files | count("files"))" else "" end)]),
	      (.parts[] | ["  \(.name)", "", (if .status != "ok" then .status // "" else "" end),
		(if .bytes == null then "" else .bytes | human end),
		(.count | if . == null then "" else count($s.unit) end)])]
	 | map(map(plain)) | table("lllrl")),
	"",
	"What the stores hold, and their personal fields (never sent):",
	([["STORE", "HOLDS", "PERSONAL FIELDS"]]
	 + [$d.stores[]
	    | if (.parts | length) > 0 then
		["\(.name)", "", (if .kind == "mongodb" then "by collection:" else "by table:" end)],
		(.parts[] | (.personal_fields // ["not described: treat as personal"]) as $pf
		 | ($pf | wrap(50)) as $c
		 | ["  \(.name)", (.holds // "?"), $c[0]], (($c[1:][]) | ["", "", .]))
	      else
		(.personal_fields | wrap(50)) as $c
		| ["\(.name)", (.holds | join(", ")), $c[0]], (($c[1:][]) | ["", "", .])
	      end]
	 | map(map(plain)) | table("lll")),
	"",
	"How they can be reached:",
	([["STORE", "ACCESS"]]
	 + [$d.stores[] | ["\(.name)", (.access | join("; "))]]
	 | map(map(plain)) | table("ll")),
	"",
	"What leaves the machine:",
	(if $d.analytics.state == "off" then
	  "  nothing: analytics is off (\($d.analytics.reason | plain))",
	  "  when it is on, only these catalogued statistics, never rows, documents or files:"
	 else
	  "  analytics is \($d.analytics.state) (\($d.analytics.reason | plain))",
	  "  reports go to \($d.analytics.endpoint // "no endpoint configured" | plain)",
	  "  a copy of every report sent is kept in \($d.analytics.sent | plain)",
	  "  only these catalogued statistics, never rows, documents or files:"
	 end),
	([["  STORE", "STATISTICS"]]
	 + [($d.stores[] | . as $s
	     | (.leaves | if length == 0 then ["nothing: no metric reads it"] else wrap(50) end) as $c
	     | ["  \($s.name)", $c[0]], (($c[1:][]) | ["", .])),
	    (($d.host.leaves | wrap(50)) as $c
	     | ["  the host (no store)", $c[0]], (($c[1:][]) | ["", .]))]
	 | map(map(plain)) | table("ll")),
	(if any($d.stores[]; .status != "ok") then
	  "",
	  "Problems (the programs' messages are on standard error):",
	  ($d.stores[] | . as $s
	   | if .status == "missing" then "  \(.name): missing: \(.path)"
	     elif any(.parts[]; .error != null) then
		(.parts[] | select(.error != null)
		 | "  \($s.name), \(.name): error: \(.error.reason) (exit \(.error.exit))")
	     elif .status != "ok" then
		"  \(.name): \(.status): \(.error.reason // "?") (exit \(.error.exit // "?"))"
	     else empty end
	   | plain)
	 else empty end);

if $mode == "plan" then plan
elif $mode == "check" then empty
elif $mode == "doc" then doc
elif $mode == "text" then text
else error("inventory.jq: unknown mode") end
