# days.jq: fluxstat-days' objects as the words fluxstat-run reads:
# DAY FROM TO LOCAL_FROM LOCAL_TO (fluxstat-json -r)
"\(.day) \(.from) \(.to) \(.local_from) \(.local_to)"
