# html.jq: the fleet report page, self-contained (no script, no network:
# the charts are gnuplot's SVG inlined, the style is in the page).  The
# answers come from fluxstat-fleet (--slurpfile, one array per question),
# the charts as text (--rawfile svg_NAME), the period and K as --arg.
# Every name shown comes from an answer, so k-anonymity holds here too.

def esc: tostring | @html;
def num: if type == "number" then tostring else esc end;

# an inline SVG: without the XML declaration and doctype, which HTML
# does not take inside a page
def inline_svg:
	sub("^<\\?xml[^>]*>\\s*"; "") | sub("<!DOCTYPE[^>]*>\\s*"; "");

def table($cols):
	if length == 0 then "<p class=\"none\">No rows in this period.</p>"
	else
		"<table><thead><tr>"
		+ ($cols | map("<th>" + esc + "</th>") | join(""))
		+ "</tr></thead><tbody>"
		+ (map(. as $r | "<tr>" + ($cols | map(
			($r[.]) as $v
			| if ($v | type) == "number"
			  then "<td class=\"n\">" + ($v | num) + "</td>"
			  else "<td>" + ($v | esc) + "</td>" end) | join(""))
			+ "</tr>") | join(""))
		+ "</tbody></table>"
	end;

def section($id; $title; $about; $chart; $rows; $cols):
	"<section id=\"" + $id + "\"><h2>" + ($title | esc) + "</h2>"
	+ "<p class=\"about\">" + ($about | esc) + "</p>"
	+ (if $chart == null then "" else
		"<figure>" + ($chart | inline_svg) + "</figure>" end)
	+ ($rows | table($cols)) + "</section>";

"<!DOCTYPE html>
<html lang=\"en\"><head><meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>" + ($title | esc) + "</title>
<style>
body { font-family: sans-serif; margin: 2em auto; max-width: 980px; color: #1a202c; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #cbd5e0; padding-bottom: 0.2em; margin-top: 2em; }
p.meta, p.about { color: #4a5568; }
figure { margin: 1em 0; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0 1em; }
th, td { padding: 0.2em 0.7em; border-bottom: 1px solid #e2e8f0; text-align: left; }
th { background: #edf2f7; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
nav a { margin-right: 1em; }
</style></head><body>
<h1>" + ($title | esc) + "</h1>
<p class=\"meta\">Report days " + ($from | esc) + " to " + ($to | esc)
+ " (inclusive). A group resting on fewer than " + ($k | esc)
+ " installations is never named: it is counted in <q>other</q>.</p>
<nav><a href=\"#installations\">Installations</a><a href=\"#versions\">Versions</a><a href=\"#setups\">Setups</a><a href=\"#adoption\">Adoption</a><a href=\"#usage\">Usage</a><a href=\"#stability\">Stability</a><a href=\"#sources\">Sources</a><a href=\"#durations\">Durations</a></nav>
"
+ section("installations"; "Installations per day";
	"Installations with a report of that day.";
	$svg_installations; $installations; ["day", "installations"])
+ section("versions"; "Versions";
	"Version adoption over time (share of the installations reporting each day), then the versions of the active installations' latest reports.";
	$svg_versions; $versions; ["version", "installations", "share"])
+ section("setups"; "Typical setups";
	"Licences, operating systems, CPUs, e-mail service and printer models of the active installations (latest report).";
	null; $setups; ["dimension", "value", "installations", "share"])
+ section("adoption"; "Feature adoption";
	"Settings, portal features, add-ons, preflight checks and the web shop in use (latest report); the chart shows the 25 most adopted.";
	$svg_adoption; $adoption; ["feature", "installations", "share"])
+ section("usage"; "Usage";
	"Usage counters summed over the period; installations with a total above 0.";
	null; $usage; ["metric", "label", "total", "installations"])
+ section("stability"; "Stability";
	"Failed print jobs per version and error; rate = failed / (printed + all failures of the version). The chart shows failures per 1000 jobs.";
	$svg_stability; $stability; ["version", "error", "failed", "printed", "rate"])
+ section("sources"; "Failing sources";
	"Installation-days whose data source could not be read, per version.";
	null; $sources; ["source", "version", "error_days", "days", "share"])
+ section("durations"; "Job duration";
	"Median over the installation-days of the daily 95th percentile of print job duration (milliseconds in the table, seconds in the chart).";
	$svg_durations; $durations; ["version", "installations", "p95_median"])
+ "
<p class=\"meta\">Made by fluxstat-fleet-report " + ($version | esc) + ".</p>
</body></html>"
