### fluxstat-inventory
