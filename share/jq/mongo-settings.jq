# mongo-settings.jq: config.email.service and config.system.setting from
# the MongoDB settings document (_id "general"), as fluxstat-bson projects
# it: {"_id":"general","email":{"service":...},"system":{<setting>:...}}.
#
# Only the eight known system settings whose value is a boolean are
# reported (1/0); any other key or value is never looked at.  The email
# service is its name when it is one of the known services, "none" when it
# is absent, null or empty, and "other" otherwise: the host, user, password
# and sender beside it are never projected in the first place.

# (any/2, not index/1: libjq 1.6 leaks memory in index on arrays)
def services: ["smtp", "exchange", "microsoft_graph", "gmail", "none"];
def settings: ["auto_backup", "hot_folders", "jdf_export", "job_archiving",
	"ldap_auth", "two_factor_auth", "mis_integration",
	"color_coverage_analysis"];

select(type == "object" and ._id == "general")
| (.email | if type == "object" then .service else null end) as $svc
| {metric: "config.email.service", labels: {},
   value: (if $svc == null or $svc == "" then "none"
	elif ($svc | type) == "string" and (services | any(.[]; . == $svc)) then $svc
	else "other" end)},
  ((.system | if type == "object" then . else {} end) as $sys
   | settings[] as $k
   | $sys[$k]
   | select(type == "boolean")
   | {metric: "config.system.setting", labels: {setting: $k},
      value: (if . then 1 else 0 end)})
