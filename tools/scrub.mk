### fluxstat-scrub
