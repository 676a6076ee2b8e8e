/*
 * confine.c: a program locks itself in once its inputs are open, what
 * OpenBSD's unveil(2) and pledge(2) give, on Linux:
 *
 *   - no new privileges (a set-uid program started later gains nothing);
 *   - Landlock: the file system shrinks to the paths the caller names
 *     (read, or write) plus the time zone data; stdin and stdout and every
 *     descriptor already open stay usable, since Landlock checks opens;
 *     from ABI 4 on, TCP connects only to the named port, and from ABI 6
 *     on no signals or abstract sockets outside the program;
 *   - seccomp (libseccomp): an allowlist of system calls for reading,
 *     writing and memory; no exec, no sockets unless asked for.
 *
 * Each layer degrades quietly where the kernel lacks it (Landlock before
 * 5.13, or disabled at boot; a kernel without seccomp).  What is active is
 * what fs_confine_describe() says, in every program's --version.
 *
 * Under AddressSanitizer the runtime needs more than a plain program:
 * /proc/self/maps, and at exit LeakSanitizer stops the world with clone()
 * and ptrace(), reads its suppressions file and names frames from the
 * shared libraries.  A sanitizer build therefore gets /proc, /usr/lib and
 * the suppressions files to read and a seccomp filter that allows by
 * default and denies only exec and sockets.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/landlock.h>
#include <seccomp.h>

#include "fluxstat.h"

#if defined(__SANITIZE_ADDRESS__)
#define FS_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FS_SANITIZED 1
#endif
#endif
#ifndef FS_SANITIZED
#define FS_SANITIZED 0
#endif

/* Debian 12's headers stop at ABI 2; the later bits are fixed kernel ABI */
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE	(1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV	(1ULL << 15)
#endif
#define LL_NET_BIND_TCP		(1ULL << 0)
#define LL_NET_CONNECT_TCP	(1ULL << 1)
#define LL_RULE_NET_PORT	2
#define LL_SCOPE_ABSTRACT_UNIX	(1ULL << 0)
#define LL_SCOPE_SIGNAL		(1ULL << 1)

/* the ruleset attribute as of ABI 6; older kernels are given a prefix */
struct ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};
struct ll_path_beneath {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));
struct ll_net_port {
	uint64_t allowed_access;
	uint64_t port;
};

#define FS_READ	(LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)
#define FS_WRITE (FS_READ | LANDLOCK_ACCESS_FS_WRITE_FILE | \
	LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_REG | \
	LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_REMOVE_DIR | \
	LANDLOCK_ACCESS_FS_REFER | LANDLOCK_ACCESS_FS_TRUNCATE)
/* the rights Landlock accepts on a path that is not a folder */
#define FS_FILE_RIGHTS (LANDLOCK_ACCESS_FS_EXECUTE | \
	LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE | \
	LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_IOCTL_DEV)

static int
ll_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_VERSION);

	return abi < 0 ? 0 : (int)abi;
}

static uint64_t
ll_handled_fs(int abi)
{
	uint64_t fs = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1;	/* ABI 1 */

	if (abi >= 2)
		fs |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		fs |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		fs |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	return fs;
}

/* A path that does not exist is left out: opening it later fails with
 * ENOENT as it would anyway (Landlock checks only what exists). */
static int
ll_add_path(int rs, const char *path, uint64_t access, uint64_t handled)
{
	struct ll_path_beneath pb;
	struct stat st;
	int fd, rc;

	if (path == NULL || *path == '\0')
		return 0;
	if ((fd = open(path, O_PATH | O_CLOEXEC)) == -1)
		return errno == ENOENT || errno == ENOTDIR || errno == EACCES ?
		    0 : -1;
	if (fstat(fd, &st) == -1) {
		close(fd);
		return -1;
	}
	pb.allowed_access = access & handled;
	if (!S_ISDIR(st.st_mode))
		pb.allowed_access &= FS_FILE_RIGHTS;
	pb.parent_fd = fd;
	rc = (int)syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH,
	    &pb, 0);
	close(fd);
	return rc == -1 ? -1 : 0;
}

/* the time zone data every program may read (local days, --table) */
static const char *const base_read[] = {
	"/usr/share/zoneinfo", "/etc/localtime",
#if FS_SANITIZED
	/* and the shared libraries, which LeakSanitizer reads to name the
	 * frames of a leak (its suppressions match those names) */
	"/proc", "/usr/lib", "/lib",
#endif
	NULL
};

#if FS_SANITIZED
/*
 * The sanitizers' suppressions files ("suppressions=PATH" in their
 * options): LeakSanitizer reads its own at exit, long after the program
 * locked itself in.
 */
static int
ll_add_suppressions(int rs, uint64_t handled)
{
	static const char *const vars[] = { "LSAN_OPTIONS", "ASAN_OPTIONS",
	    "UBSAN_OPTIONS" };
	const char *o, *p;
	char *path;
	size_t k, n;
	int rc;

	for (k = 0; k < sizeof vars / sizeof vars[0]; k++) {
		if ((o = getenv(vars[k])) == NULL ||
		    (p = strstr(o, "suppressions=")) == NULL)
			continue;
		p += sizeof "suppressions=" - 1;
		n = strcspn(p, ": ");
		path = fs_xstrndup(p, n);
		rc = ll_add_path(rs, path, FS_READ, handled);
		free(path);
		if (rc != 0)
			return -1;
	}
	return 0;
}
#endif

/* Landlock: 0 applied, 1 not available, -1 failed (errno set) */
static int
landlock(const struct fs_confine *c, int abi)
{
	struct ll_ruleset_attr attr;
	struct ll_net_port np;
	const char *const *p;
	const char *share;
	char *path;
	size_t size;
	int rs, err;

	if (abi < 1)
		return 1;
	/* ABI 1 refuses every rename between folders: a writer would break */
	if (abi < 2 && c->write != NULL && c->write[0] != NULL)
		return 1;
	memset(&attr, 0, sizeof attr);
	attr.handled_access_fs = ll_handled_fs(abi);
	size = sizeof attr.handled_access_fs;
	if (abi >= 4) {
		/* a connect is handled (and so denied) unless a port is given;
		 * without net, every TCP bind and connect is denied */
		if (!c->net || c->tcp_port != 0)
			attr.handled_access_net = LL_NET_CONNECT_TCP;
		attr.handled_access_net |= LL_NET_BIND_TCP;
		size = offsetof(struct ll_ruleset_attr, scoped);
	}
	if (abi >= 6) {
		attr.scoped = LL_SCOPE_ABSTRACT_UNIX | LL_SCOPE_SIGNAL;
		size = sizeof attr;
	}
	rs = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
	if (rs == -1)
		return errno == ENOSYS || errno == EOPNOTSUPP ? 1 : -1;

	for (p = base_read; *p != NULL; p++)
		if (ll_add_path(rs, *p, FS_READ, attr.handled_access_fs) != 0)
			goto fail;
#if FS_SANITIZED
	if (ll_add_suppressions(rs, attr.handled_access_fs) != 0)
		goto fail;
#endif
	/* the share folder: $FLUXSTAT_SHARE and the installed one */
	if ((share = getenv("FLUXSTAT_SHARE")) != NULL &&
	    ll_add_path(rs, share, FS_READ, attr.handled_access_fs) != 0)
		goto fail;
	path = fs_share_path(".");
	err = ll_add_path(rs, path, FS_READ, attr.handled_access_fs);
	free(path);
	if (err != 0)
		goto fail;
	for (p = c->read; p != NULL && *p != NULL; p++)
		if (ll_add_path(rs, *p, FS_READ, attr.handled_access_fs) != 0)
			goto fail;
	for (p = c->write; p != NULL && *p != NULL; p++)
		if (ll_add_path(rs, *p, FS_WRITE, attr.handled_access_fs) != 0)
			goto fail;
	if (abi >= 4 && c->net && c->tcp_port != 0) {
		np.allowed_access = LL_NET_CONNECT_TCP;
		np.port = (uint64_t)c->tcp_port;
		if (syscall(SYS_landlock_add_rule, rs, LL_RULE_NET_PORT, &np,
		    0) == -1)
			goto fail;
	}
	if (syscall(SYS_landlock_restrict_self, rs, 0) == -1)
		goto fail;
	close(rs);
	return 0;
fail:
	err = errno;
	close(rs);
	errno = err;
	return -1;
}

/*
 * What a filter program does once its inputs are open: read and write
 * descriptors, map memory, look at files and folders it may open, keep
 * time, handle signals, exit.  (Names this kernel or libseccomp does not
 * know are skipped.)
 */
static const char *const sys_basic[] = {
	"read", "write", "readv", "writev", "pread64", "pwrite64", "preadv",
	"preadv2", "pwritev", "pwritev2", "lseek", "close", "close_range",
	"fstat", "stat", "lstat", "newfstatat", "statx", "fstatfs", "statfs",
	"access", "faccessat", "faccessat2", "readlink", "readlinkat",
	"getcwd", "open", "openat", "openat2", "fcntl", "dup", "dup2", "dup3",
	"flock", "getdents", "getdents64", "mmap", "munmap", "mprotect",
	"mremap", "brk", "madvise", "msync", "rt_sigaction", "rt_sigprocmask",
	"rt_sigreturn", "sigaltstack", "exit", "exit_group", "getpid",
	"gettid", "getppid", "getuid", "geteuid", "getgid", "getegid",
	"getresuid", "getresgid", "getgroups", "clock_gettime",
	"clock_getres", "clock_nanosleep", "nanosleep", "gettimeofday",
	"time", "getrandom", "futex", "set_robust_list", "get_robust_list",
	"rseq", "set_tid_address", "restart_syscall", "sched_yield",
	"sched_getaffinity", "tgkill", "prlimit64", "getrlimit", "uname",
	"sysinfo", "umask", "fsync", "fdatasync", "ftruncate", "rename",
	"renameat", "renameat2", "unlink", "unlinkat", "mkdir", "mkdirat",
	"rmdir", "fchmod", "utimensat", "poll", "ppoll", "select", "pselect6",
	"pipe", "pipe2", NULL
};
/* and what an HTTPS client adds (libcurl's resolver thread, DNS) */
static const char *const sys_net[] = {
	"connect", "getsockopt", "setsockopt", "getsockname", "getpeername",
	"sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg",
	"shutdown", "socketpair", "eventfd2", "epoll_create1", "epoll_ctl",
	"epoll_wait", "epoll_pwait", "clone", "membarrier", NULL
};

static int
allow_list(scmp_filter_ctx ctx, const char *const *names)
{
	int nr;

	for (; *names != NULL; names++) {
		nr = seccomp_syscall_resolve_name(*names);
		if (nr == __NR_SCMP_ERROR)
			continue;
		if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0) != 0)
			return -1;
	}
	return 0;
}

/* seccomp: 0 applied, 1 not available, -1 failed */
static int
seccomp(const struct fs_confine *c)
{
	scmp_filter_ctx ctx;
	int rc = -1;

	if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == -1 && errno == EINVAL)
		return 1;
	ctx = seccomp_init(FS_SANITIZED ? SCMP_ACT_ALLOW : SCMP_ACT_ERRNO(EPERM));
	if (ctx == NULL)
		return -1;
	/* glibc falls back to clone() only when clone3 says ENOSYS */
	if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0))
		goto out;
	if (FS_SANITIZED) {
		if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(execve), 0) ||
		    seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(execveat), 0))
			goto out;
		if (!c->net && seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
		    SCMP_SYS(socket), 0))
			goto out;
		if (c->net && (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
		    SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_EQ, AF_UNIX)) ||
		    seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
		    SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_EQ, AF_NETLINK))))
			goto out;
	} else {
		if (allow_list(ctx, sys_basic) != 0)
			goto out;
		/* isatty() and a terminal's width, nothing else of ioctl */
		if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
		    SCMP_A1(SCMP_CMP_EQ, TCGETS)) ||
		    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
		    SCMP_A1(SCMP_CMP_EQ, TIOCGWINSZ)) ||
		    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
		    SCMP_A1(SCMP_CMP_EQ, FIONREAD)))
			goto out;
		if (c->net && (allow_list(ctx, sys_net) != 0 ||
		    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
		    SCMP_A0(SCMP_CMP_EQ, AF_INET)) ||
		    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
		    SCMP_A0(SCMP_CMP_EQ, AF_INET6)) ||
		    seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
		    SCMP_A1(SCMP_CMP_EQ, FIONBIO))))
			goto out;
	}
	rc = seccomp_load(ctx) == 0 ? 0 : -1;
out:
	seccomp_release(ctx);
	return rc;
}

int
fs_confine(const struct fs_confine *c)
{
	int abi = ll_abi();

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) {
		fs_warnx("cannot confine: no_new_privs: %s", strerror(errno));
		return -1;
	}
	if (landlock(c, abi) == -1) {
		fs_warnx("cannot confine: Landlock: %s", strerror(errno));
		return -1;
	}
	if (seccomp(c) == -1) {
		fs_warnx("cannot confine: seccomp: %s", strerror(errno));
		return -1;
	}
	return 0;
}

const char *
fs_confine_describe(void)
{
	static char d[160];
	int abi = ll_abi();
	int sc = !(prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == -1 && errno == EINVAL);

	if (abi >= 1)
		snprintf(d, sizeof d, "Landlock ABI %d (files%s%s)", abi,
		    abi >= 4 ? ", TCP ports" : "",
		    abi >= 6 ? ", signals, abstract sockets" : "");
	else
		snprintf(d, sizeof d, "no Landlock");
	snprintf(d + strlen(d), sizeof d - strlen(d), ", %s, no_new_privs",
	    !sc ? "no seccomp" : FS_SANITIZED ? "seccomp (sanitizer build: "
	    "denies exec and sockets only)" : "seccomp allowlist");
	return d;
}
