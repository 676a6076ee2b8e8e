# preflight.jq: config.preflight.profiles and config.preflight.checks from
# the preflight_profiles collection, read whole (fluxstat-json --slurp) as
# an array of {"checks":{<check>:bool,...}} rows; profile names are never
# projected.
#
# Every one of the eight checks gets a record, 0 included, so that the
# receiver can tell "no profile checks bleed" from "not reported".

def checks: ["fonts_embedded", "image_resolution", "color_space", "bleed",
	"transparency", "overprint", "page_size", "ink_coverage"];

[.[] | select(type == "object")] as $profiles
| {metric: "config.preflight.profiles", labels: {}, value: ($profiles | length)},
  (checks[] as $c
   | {metric: "config.preflight.checks", labels: {check: $c},
      value: ([$profiles[] | select((.checks | type) == "object"
		and .checks[$c] == true)] | length)})
