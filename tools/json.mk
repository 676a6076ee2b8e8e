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

# bench/extract.sh: fluxstat-json on many files, fluxstat-sqlite on a big store
EXTRA_DIST += bench/extract.sh
bench: bench-extract
bench-extract: tools/fluxstat-json$(EXEEXT) tools/fluxstat-sqlite$(EXEEXT)
	PATH='$(abs_top_builddir)/tools:$(abs_top_builddir)/tests:'"$$PATH" \
	FLUXSTAT_SHARE='$(abs_top_srcdir)/share' $(SHELL) $(srcdir)/bench/extract.sh
.PHONY: bench-extract
