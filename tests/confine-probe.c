/*
 * confine-probe: test helper.  Confines itself with fs_confine, exactly as
 * the programs do, then tries one thing and says whether it worked:
 *
 *   confine-probe [-r PATH]... [-w PATH]... [-n [-p PORT]] ACTION [ARG]
 *
 *   read FILE      open FILE for reading and read a byte
 *   write FILE     create FILE and write a byte
 *   exec PROG      execute PROG (no arguments)
 *   socket         make a TCP socket
 *   connect PORT   connect to 127.0.0.1:PORT
 *   status         print the Seccomp and NoNewPrivs lines of
 *                  /proc/self/status, confined
 *
 * Exit 0 and "ok" when it worked; 1 and "denied: REASON" when it did not.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fluxstat.h"

static int
result(int ok, const char *what)
{
	if (ok)
		printf("ok\n");
	else
		printf("denied: %s: %s\n", what, strerror(errno));
	return ok ? 0 : 1;
}

int
main(int argc, char *argv[])
{
	const char *reads[16], *writes[16];
	struct fs_confine c = { reads, writes, 0, 0 };
	size_t nr = 0, nw = 0;
	struct sockaddr_in sa;
	char byte, status[4096], *p;
	ssize_t n;
	int ch, fd;

	fs_setprogname(argv[0]);
	while ((ch = getopt(argc, argv, "r:w:np:")) != -1)
		switch (ch) {
		case 'r': if (nr < 15) reads[nr++] = optarg; break;
		case 'w': if (nw < 15) writes[nw++] = optarg; break;
		case 'n': c.net = 1; break;
		case 'p': c.tcp_port = atoi(optarg); break;
		default: return 64;
		}
	reads[nr] = writes[nw] = NULL;
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return 64;

	/* /proc is out of reach once confined, but a file already open
	 * stays readable, and procfs makes its text at read time */
	if (strcmp(argv[0], "status") == 0) {
		if ((fd = open("/proc/self/status", O_RDONLY)) == -1 ||
		    fs_confine(&c) != 0)
			return 70;
		n = read(fd, status, sizeof status - 1);
		status[n > 0 ? n : 0] = '\0';
		for (p = strtok(status, "\n"); p != NULL; p = strtok(NULL, "\n"))
			if (strncmp(p, "Seccomp:", 8) == 0 ||
			    strncmp(p, "NoNewPrivs:", 11) == 0)
				printf("%s\n", p);
		return 0;
	}
	if (fs_confine(&c) != 0)
		return 70;

	if (strcmp(argv[0], "read") == 0 && argc == 2) {
		fd = open(argv[1], O_RDONLY);
		return result(fd != -1 && read(fd, &byte, 1) >= 0, argv[1]);
	}
	if (strcmp(argv[0], "write") == 0 && argc == 2) {
		fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0600);
		return result(fd != -1 && write(fd, "x", 1) == 1, argv[1]);
	}
	if (strcmp(argv[0], "exec") == 0 && argc == 2) {
		char *args[] = { argv[1], NULL };

		execv(argv[1], args);
		return result(0, argv[1]);
	}
	if (strcmp(argv[0], "socket") == 0) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		return result(fd != -1, "socket");
	}
	if (strcmp(argv[0], "connect") == 0 && argc == 2) {
		if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
			return result(0, "socket");
		memset(&sa, 0, sizeof sa);
		sa.sin_family = AF_INET;
		sa.sin_port = htons((unsigned short)atoi(argv[1]));
		sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return result(connect(fd, (struct sockaddr *)&sa,
		    sizeof sa) == 0, "connect");
	}
	return 64;
}
