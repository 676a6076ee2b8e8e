### fluxstat-inventory
##
## A shell script (it only connects programs: fluxstat-run's configuration
## reader pipelines/config.sh, fluxstat-sqlite, fluxstat-bson, fluxstat-tally, fluxstat-json),
## made from tools/fluxstat-inventory.in by pipelines.mk's $(fs_edit) with
## the installation directories filled in.  Its own directory variables keep it clear of
## the other fragments' bin_SCRIPTS, sql and jq lists.

inventorybindir = $(bindir)
inventorybin_SCRIPTS = tools/fluxstat-inventory
dist_man_MANS += tools/fluxstat-inventory.1

inventorydir = $(pkgdatadir)/inventory
dist_inventory_DATA = share/inventory/stores.json
inventorysqldir = $(pkgdatadir)/sql
dist_inventorysql_DATA = share/sql/inventory-monitoring.sql \
	share/sql/inventory-webshop.sql
inventoryjqdir = $(pkgdatadir)/jq
dist_inventoryjq_DATA = share/jq/inventory.jq

CLEANFILES += tools/fluxstat-inventory
EXTRA_DIST += tools/fluxstat-inventory.in

tools/fluxstat-inventory: $(srcdir)/tools/fluxstat-inventory.in Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && rm -f $@ $@.tmp && \
	$(fs_edit) $(srcdir)/tools/fluxstat-inventory.in >$@.tmp && \
	chmod +x $@.tmp && chmod a-w $@.tmp && mv -f $@.tmp $@

TESTS += tests/1100-inventory.t
EXTRA_DIST += tests/1100-inventory.t tests/data/inventory/pii-fields.txt
TESTS += tests/1110-inventory-data.t
EXTRA_DIST += tests/1110-inventory-data.t
