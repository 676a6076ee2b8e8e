### the library's core: JSON reading, records, time, atomic writes (lib)
tools_lib_libfluxstat_a_SOURCES += \
	tools/lib/json.c \
	tools/lib/record.c \
	tools/lib/time.c \
	tools/lib/atomic.c
