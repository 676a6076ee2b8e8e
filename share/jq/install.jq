# install.jq: install.json -> the install.* records of the catalogue.
#   fluxstat-json -f jq/install.jq "$FLUX_ROOT/install.json"
#
# Only version, license.edition, license.type, license.seats and the
# add-ons' names and versions are read; serial and licensee never leave.
# Values outside a vocabulary become "other" here.  Each list is one line
# ending in "# vocab/NAME.txt": tests/0400-json.t checks that it equals
# that file of share/vocab.

def addons: ["export-import-job-data", "backup-restore", "web-shop", "color-coverage-analysis", "forms-products", "mis-connector", "hot-folder-plus", "jdf-connector"]; # vocab/addons.txt
def editions: ["starter", "standard", "professional", "enterprise"]; # vocab/license_editions.txt
def types: ["perpetual", "subscription", "trial"]; # vocab/license_types.txt

def rec($metric; $labels; $value): {labels: $labels, metric: $metric, value: $value};
# (not index/1: it leaks memory in jq 1.6)
def known($list): . as $v | $list | any(. == $v);
def mapped($list): if type == "string" and known($list) then . else "other" end;

. as $in
| (if ($in.license | type) == "object" then $in.license else {} end) as $lic
| (if ($in.version | type) == "string" then rec("install.version"; {}; $in.version) else empty end),
  (if $lic.edition != null then rec("install.license.edition"; {}; $lic.edition | mapped(editions)) else empty end),
  (if $lic.type != null then rec("install.license.type"; {}; $lic.type | mapped(types)) else empty end),
  (if ($lic.seats | type) == "number" then rec("install.license.seats"; {}; $lic.seats) else empty end),
  ( [ if ($in.addons | type) == "array" then $in.addons[] else empty end
      | objects
      | select((.name | type) == "string" and (.version | type) == "string") ]
    # one info value per label set: a known add-on listed twice keeps its
    # first version; every unknown add-on is "other", and the first one
    # (in file order) speaks for them all
    | (map(select(.name | known(addons))) | unique_by(.name)[]
       | rec("install.addon"; {addon: .name}; .version)),
      (map(select(.name | known(addons) | not)) | first(.[]?)
       | rec("install.addon"; {addon: "other"}; .version)) )
