### fluxstat-send: drain the spool to the receiver (HTTPS PUT or file://)
bin_PROGRAMS += tools/fluxstat-send
tools_fluxstat_send_SOURCES = tools/fluxstat-send.c
tools_fluxstat_send_CFLAGS = $(AM_CFLAGS) $(FS_CFLAGS)
tools_fluxstat_send_LDADD = $(FS_LIBS)
dist_man_MANS += tools/fluxstat-send.1

# the reference receiver: the nginx configuration the tests run
receiverdir = $(pkgdatadir)/receiver
dist_receiver_DATA = share/receiver/fluxstat-receiver.conf \
	share/receiver/tokens.map.example

# a loopback listener that accepts and never answers (stalled server)
check_PROGRAMS += tests/stall-server
tests_stall_server_SOURCES = tests/stall-server.c
TESTS += tests/0900-send.t
EXTRA_DIST += tests/0900-send.t tests/nginx.sh
