# portal.jq: web/config/portal.json -> webshop.portal.setting{setting}.
#   fluxstat-json -f jq/portal.jq "$FLUX_ROOT/web/config/portal.json"
#
# Only the eight known boolean features are read, as 1 or 0; a feature
# that is absent or not a boolean gives nothing.  Title, imprint, bank and
# smtp (personal or secret) are never touched.  The list is checked
# against share/vocab by tests/0400-json.t.

def settings: ["guest_checkout", "price_display_gross", "upload_preflight", "online_payment", "customer_registration", "multi_language", "approval_workflow", "budget_limits"]; # vocab/portal_settings.txt

(if (.features | type) == "object" then .features else {} end) as $f
| settings[] as $k
| $f[$k]
| select(type == "boolean")
| {labels: {setting: $k}, metric: "webshop.portal.setting", value: (if . then 1 else 0 end)}
