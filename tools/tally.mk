### fluxstat-tally
