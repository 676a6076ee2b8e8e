# status-analytics.jq: "on REASON" or "off REASON" from the JSON of
# fluxstat-run --status --json (fluxstat-inventory reads it; -r)
"\(.analytics) \(.reason)"
