# status.jq: fluxstat-state's object as the text of fluxstat-run --status
# (fluxstat-json -r)
def days: if .count == 0 then " empty" else " " + (.days | map(. + ".json.gz") | join(" ")) end;
"analytics: \(.analytics) (\(.reason))",
(if .installation_id then "installation id: \(.installation_id)",
  "splay: \(.splay_seconds) s after midnight"
 else "installation id: none yet (made by the first run)" end),
"last day reported: \(.watermark // "none")",
"last report sent: \(if .last_sent then .last_sent + ".json.gz" else "none" end)",
"spool:\(.spool | days)",
"refused by the server: \(.failed.count)",
"endpoint: \(.endpoint)",
"state: \(.state)"
