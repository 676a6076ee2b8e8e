### fluxstat-json
bin_PROGRAMS += tools/fluxstat-json
tools_fluxstat_json_SOURCES = tools/fluxstat-json.c
tools_fluxstat_json_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tools_fluxstat_json_LDADD = $(FS_LIBS)
dist_man_MANS += tools/fluxstat-json.1

# the jq programs for install.json, portal.json, order items (-f jq/NAME)
jqdir = $(pkgdatadir)/jq
dist_jq_DATA = share/jq/install.jq share/jq/portal.jq share/jq/orderitems.jq

TESTS += tests/0400-json.t
EXTRA_DIST += tests/0400-json.t
