/*
 * stall-server: test helper.  "stall-server -p" prints a free loopback TCP
 * port.  "stall-server PORTFILE SECONDS" listens on 127.0.0.1 (a free port,
 * written to PORTFILE once it listens), accepts every connection and never
 * answers, and exits after SECONDS, so a test can never hang on it.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int
listen_any(unsigned *port)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof sa) == -1 ||
	    listen(fd, 16) == -1 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) == -1) {
		perror("stall-server");
		exit(71);
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

int
main(int argc, char *argv[])
{
	struct pollfd p;
	unsigned port;
	time_t end;
	FILE *fp;
	int fd;

	if (argc == 2 && strcmp(argv[1], "-p") == 0) {
		fd = listen_any(&port);
		close(fd);
		printf("%u\n", port);
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: stall-server -p | stall-server PORTFILE SECONDS\n");
		return 64;
	}
	fd = listen_any(&port);
	end = time(NULL) + strtol(argv[2], NULL, 10);
	if ((fp = fopen(argv[1], "w")) == NULL || fprintf(fp, "%u\n", port) < 0 ||
	    fclose(fp) != 0) {
		perror(argv[1]);
		return 73;
	}
	p.fd = fd;
	p.events = POLLIN;
	while (time(NULL) < end) {
		/* accepted sockets are kept open and never read */
		if (poll(&p, 1, 200) == 1)
			(void)accept(fd, NULL, NULL);
	}
	return 0;
}
