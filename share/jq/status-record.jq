# status-record.jq: the health.source.status record of --arg source with
# --arg value, written for a pipeline that broke (its own output is not
# trusted); fluxstat-run runs it on the input `null`, so that the record
# is written by a JSON writer, never pieced together with printf.
{labels: {source: $source}, metric: "health.source.status", value: $value}
