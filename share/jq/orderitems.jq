# orderitems.jq: web/orderitems/*.json -> rows for fluxstat-tally, giving
# usage.webshop.order_items{paper_format}:
#   fluxstat-json -f jq/orderitems.jq "$FLUX_ROOT/web/orderitems" |
#   fluxstat-tally --metric usage.webshop.order_items --by paper_format \
#       --time created_at --from ... --to ...
#
# A row is {"created_at": ..., "paper_format": ...} and nothing else:
# product and customer_note are personal free text.  A paper format that
# is not a standard name (or is missing) is "custom" already here, so a
# site's own format names never leave this stage.  The list is checked
# against share/vocab by tests/0400-json.t.

def formats: ["A3", "A4", "A5", "A6", "SRA3", "SRA4", "B4", "B5", "Letter", "Legal", "Tabloid", "12x18", "13x19"]; # vocab/paper_formats.txt

(if (.options | type) == "object" then .options.paper_format else null end) as $pf
| {created_at: (.created_at | if type == "string" or type == "number" then . else null end),
   paper_format: (if ($pf | type) == "string" and (formats | any(. == $pf)) then $pf else "custom" end)}
