# setting-off.jq: "off" when the Flux setting settings.general
# analytics.enabled is false (fluxstat-bson's projected rows, -r); only an
# explicit false switches fluxstat off
select(._id == "general" and .analytics.enabled == false) | "off"
