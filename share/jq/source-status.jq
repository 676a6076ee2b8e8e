# source-status.jq: "SOURCE VALUE" for each health.source.status record
# of the pipelines' outputs, for fluxstat-run's log and summary (one
# fluxstat-json -r over all of a day's outputs: libjq starts once)
select(type == "object" and .metric == "health.source.status"
  and (.labels.source | type) == "string" and (.value | type) == "string")
| "\(.labels.source) \(.value)"
