### pipelines/ and fluxstat-run
