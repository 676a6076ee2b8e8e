# record.jq: one metric record from --arg metric, --arg key, --arg lvalue
# (the label's value) and --arg value; a value of digits alone is a
# number.  Run on the input `null` by the shell scripts (lib.sh,
# fluxstat-run), so that records are written by a JSON writer, never
# pieced together with printf.
{labels: {($key): $lvalue}, metric: $metric,
 value: (if ($value | test("^[0-9]{1,15}$")) then ($value | tonumber) else $value end)}
