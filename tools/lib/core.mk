### the library's core: JSON reading, records, time, atomic writes (lib)
