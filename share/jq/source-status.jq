# source-status.jq: the value of a source's health.source.status record
# (the last one a pipeline printed), for fluxstat-run's log and summary
# (fluxstat-json -r --slurp)
[.[] | select(type == "object" and .metric == "health.source.status")
  | .value | strings] | last // "none"
