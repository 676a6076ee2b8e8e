/* pii.c: detectors of personal data in the strings a report would carry */
#include "config.h"

#include <string.h>

#include "fluxstat.h"

/*
 * The strings that reach these detectors are short (label values, info
 * values), so each detector simply scans the whole string; none allocates.
 * They err towards firing: a false hit costs one record of statistics, a
 * miss leaks someone's data.  The thresholds were chosen against the
 * strings that must pass (see tests/0610-pii.c): printer models
 * ("AccurioPress C14000"), versions ("10.2.3.4567"), paper sizes ("12x18",
 * "SRA3"), dates ("2026-11-29"), CPU and OS names.
 */

static int	email(const char *, size_t, int);
static int	phone(const char *, size_t, int);
static int	iban(const char *, size_t, int);
static int	card(const char *, size_t, int);
static int	ipv4(const char *, size_t, int);
static int	ipv6(const char *, size_t, int);
static int	mac(const char *, size_t, int);
static int	url_credentials(const char *, size_t, int);
static int	home_path(const char *, size_t, int);
static int	serial(const char *, size_t, int);
static int	prefix_ci(const char *, size_t, const char *);

static const struct {
	const char *name;
	int (*fn)(const char *, size_t, int);
} detectors[FS_PII_COUNT] = {
	[FS_PII_NONE] = { "none", NULL },
	[FS_PII_EMAIL] = { "email", email },
	[FS_PII_PHONE] = { "phone", phone },
	[FS_PII_IBAN] = { "iban", iban },
	[FS_PII_CARD] = { "card", card },
	[FS_PII_IPV4] = { "ipv4", ipv4 },
	[FS_PII_IPV6] = { "ipv6", ipv6 },
	[FS_PII_MAC] = { "mac", mac },
	[FS_PII_URL_CREDENTIALS] = { "url_credentials", url_credentials },
	[FS_PII_HOME_PATH] = { "home_path", home_path },
	[FS_PII_SERIAL] = { "serial", serial },
};

/* ASCII classes: the C locale's, without depending on setlocale */
static int
dig(int c)
{
	return c >= '0' && c <= '9';
}

static int
alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
alnum(int c)
{
	return dig(c) || alpha(c);
}

/* a byte of a UTF-8 sequence: internationalised names in addresses */
static int
high(int c)
{
	return (unsigned char)c >= 0x80;
}

static int
hex(int c)
{
	return dig(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static const char *const profile_names[FS_PII_NPROFILES] = {
	[FS_PII_STRICT] = "strict",
	[FS_PII_MODEL_NAME] = "model_name",
	[FS_PII_VERSION] = "version",
};

enum fs_pii
fs_pii_scan(const char *s, size_t n)
{
	return fs_pii_scan_as(s, n, FS_PII_STRICT);
}

enum fs_pii
fs_pii_scan_as(const char *s, size_t n, enum fs_pii_profile p)
{
	int k;

	for (k = 1; k < FS_PII_COUNT; k++)
		if (detectors[k].fn(s, n, (int)p))
			return (enum fs_pii)k;
	return FS_PII_NONE;
}

int
fs_pii_detect(enum fs_pii which, const char *s, size_t n)
{
	return fs_pii_detect_as(which, s, n, FS_PII_STRICT);
}

int
fs_pii_detect_as(enum fs_pii which, const char *s, size_t n,
    enum fs_pii_profile p)
{
	if (which <= FS_PII_NONE || which >= FS_PII_COUNT)
		return 0;
	return detectors[which].fn(s, n, (int)p);
}

const char *
fs_pii_profile_name(enum fs_pii_profile p)
{
	if (p < FS_PII_STRICT || p >= FS_PII_NPROFILES)
		return "unknown";
	return profile_names[p];
}

int
fs_pii_profile_parse(const char *name, enum fs_pii_profile *p)
{
	int k;

	for (k = 0; k < FS_PII_NPROFILES; k++)
		if (strcmp(name, profile_names[k]) == 0) {
			*p = (enum fs_pii_profile)k;
			return 0;
		}
	return -1;
}

const char *
fs_pii_name(enum fs_pii which)
{
	if (which < FS_PII_NONE || which >= FS_PII_COUNT)
		return "unknown";
	return detectors[which].name;
}

/*
 * Addresses as RFC 5321 and 5322 write them: a local part (dot-atom, or a
 * quoted string) then "@", then a domain of at least two labels (letters,
 * digits and hyphens, the IDNA A-label form "xn--..." included, RFC 5890;
 * UTF-8 letters for the U-label form: 王芳@例子.中国) whose top level is
 * letters or an A-label ("xn--p1ai"), or an address literal ("[192.0.2.1]",
 * "[IPv6:...]").  user@localhost and version@2.1 have no such domain.
 */
static int
tld_ok(const char *s, size_t a, size_t b)
{
	size_t k;

	if (b - a >= 5 && lower(s[a]) == 'x' && lower(s[a + 1]) == 'n' &&
	    s[a + 2] == '-' && s[a + 3] == '-') {
		for (k = a + 4; k < b && (alnum(s[k]) || s[k] == '-'); k++)
			;
		return k == b && s[b - 1] != '-';
	}
	if (b - a < 2)
		return 0;
	for (k = a; k < b && (alpha(s[k]) || high(s[k])); k++)
		;
	return k == b;
}

static int
email(const char *s, size_t n, int profile)
{
	static const char local[] = "._%+-!#$&'*/=?^`{|}~\"";
	size_t i, j, dot;

	(void)profile;
	for (i = 0; i < n; i++) {
		if (s[i] != '@')
			continue;
		if (i == 0 || !(alnum(s[i - 1]) || high(s[i - 1]) ||
		    strchr(local, s[i - 1])))
			continue;
		/* an address literal */
		if (i + 2 < n && s[i + 1] == '[' && (dig(s[i + 2]) ||
		    prefix_ci(s + i + 2, n - i - 2, "ipv6:")))
			return 1;
		if (i + 1 >= n || !(alnum(s[i + 1]) || high(s[i + 1])))
			continue;
		for (j = i + 1; j < n && (alnum(s[j]) || high(s[j]) ||
		    s[j] == '-' || (s[j] == '.' && s[j - 1] != '.' &&
		    s[j - 1] != '-')); j++)
			;
		/* a trailing dot ends the sentence, not the domain */
		while (j > i + 1 && s[j - 1] == '.')
			j--;
		/* the top-level label: after the last dot, at least two labels */
		for (dot = j; dot > i + 1 && s[dot - 1] != '.'; dot--)
			;
		if (dot > i + 2 && tld_ok(s, dot, j))
			return 1;
	}
	return 0;
}

/*
 * Phone numbers: a run of digits and the separators people type between
 * them (space - . / ( )), not glued to a letter.  International (+ or 00)
 * and national (leading 0) forms with 7 to 15 digits fire at once; so does
 * the North American 3-3-4 grouping.  Other groupings fire unless they
 * look like a date (4-2-2, 2-2-4) or a version (dots only, no leading 0),
 * and never in a model name, where "3900 12-Core" is a model number and a
 * core count: a phone number written to be called has a "+", a trunk 0 or
 * the 3-3-4 grouping.
 */
static int
phone_run(const char *s, size_t n, size_t a, size_t b, int profile)
{
	int groups[32];
	size_t ng = 0, i, digits = 0;
	int plus = 0, dots_only = 1, lead0 = 0, cur = 0;

	if (s[a] == '+') {
		plus = 1;
		a++;
	}
	if (a > 0 && !plus && alnum(s[a - 1]))
		return 0;
	if (b < n && alnum(s[b]))
		return 0;
	for (i = a; i < b; i++) {
		if (dig(s[i])) {
			if (digits == 0)
				lead0 = s[i] == '0';
			digits++;
			cur++;
			continue;
		}
		if (s[i] != '.')
			dots_only = 0;
		if (cur > 0) {
			if (ng == sizeof groups / sizeof groups[0])
				return 0;
			groups[ng++] = cur;
			cur = 0;
		}
	}
	if (cur > 0 && ng < sizeof groups / sizeof groups[0])
		groups[ng++] = cur;
	if (digits < 7 || digits > 15)
		return 0;
	if (plus || lead0)
		return 1;
	if ((ng == 3 && groups[0] == 3 && groups[1] == 3 && groups[2] == 4) ||
	    (ng == 4 && groups[0] == 1 && groups[1] == 3 && groups[2] == 3 &&
	    groups[3] == 4))
		return 1;
	/* a model name's numbers ("Ryzen 9 3900 12-Core") are never written
	 * the ways above; their other groupings are not phone numbers */
	if (profile == FS_PII_MODEL_NAME)
		return 0;
	if (ng < 2)
		return 0;	/* one plain number: the serial detector's job */
	if (ng >= 3 && ((groups[0] == 4 && groups[1] == 2 && groups[2] == 2) ||
	    (groups[0] == 2 && groups[1] == 2 && groups[2] == 4)))
		return 0;
	if (dots_only)
		return 0;
	return 1;
}

static int
phone(const char *s, size_t n, int profile)
{
	static const char sep[] = " -./()";
	size_t a, b;

	/* every group may start a number: "C14000 0171 1234567" */
	for (a = 0; a < n; a++) {
		if (!(dig(s[a]) || s[a] == '+') || (a > 0 && alnum(s[a - 1])))
			continue;
		b = a + 1;
		while (b < n && (dig(s[b]) || strchr(sep, s[b]) != NULL))
			b++;
		while (b > a && !dig(s[b - 1]))
			b--;
		if (b > a && phone_run(s, n, a, b, profile))
			return 1;
	}
	return 0;
}

/* IBAN lengths by country (ISO 13616 registry) */
static const struct {
	char cc[3];
	unsigned char len;
} iban_len[] = {
	{"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28},
	{"BA", 20}, {"BE", 16}, {"BG", 22}, {"BH", 22}, {"BR", 29},
	{"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24},
	{"DE", 22}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29},
	{"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22},
	{"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28},
	{"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23},
	{"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20},
	{"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20},
	{"LV", 21}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19},
	{"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15},
	{"PK", 24}, {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29},
	{"RO", 24}, {"RS", 22}, {"SA", 24}, {"SC", 31}, {"SE", 24},
	{"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28},
	{"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22},
	{"VG", 24}, {"XK", 20},
};

static int
iban_mod97(const char *c, size_t len)
{
	unsigned rem = 0;
	size_t i, k;
	int v;

	/* the check moves the first four characters to the end */
	for (k = 0; k < len; k++) {
		i = (k + 4) % len;
		v = dig(c[i]) ? c[i] - '0' : lower(c[i]) - 'a' + 10;
		rem = v >= 10 ? (rem * 100 + (unsigned)v) % 97 :
		    (rem * 10 + (unsigned)v) % 97;
	}
	return rem == 1;
}

/* country code, two check digits, then the account; typed with spaces or
 * dashes between groups or without */
static int
iban(const char *s, size_t n, int profile)
{
	(void)profile;
	char c[40];
	size_t i, j, len, want, k;

	for (i = 0; i + 4 <= n; i++) {
		if (!alpha(s[i]) || !alpha(s[i + 1]) || !dig(s[i + 2]) ||
		    !dig(s[i + 3]) || (i > 0 && alnum(s[i - 1])))
			continue;
		len = 0;
		for (j = i; j < n && len < 34; j++) {
			if (alnum(s[j]))
				c[len++] = s[j];
			else if ((s[j] == ' ' || s[j] == '-') && j + 1 < n &&
			    alnum(s[j + 1]) && len > 0)
				continue;
			else
				break;
		}
		want = 0;
		for (k = 0; k < sizeof iban_len / sizeof iban_len[0]; k++)
			if (lower(iban_len[k].cc[0]) == lower(c[0]) &&
			    lower(iban_len[k].cc[1]) == lower(c[1]))
				want = iban_len[k].len;
		if (want == 0)
			want = len;	/* an unlisted country: the whole run */
		if (want < 15 || want > len)
			continue;
		if (iban_mod97(c, want))
			return 1;
	}
	return 0;
}

/* 13 to 19 digits, single spaces or dashes between, Luhn check valid */
static int
card(const char *s, size_t n, int profile)
{
	(void)profile;
	char d[20];
	size_t i, j, len;
	int sum, k, v;

	for (i = 0; i < n; i++) {
		if (!dig(s[i]) || (i > 0 && alnum(s[i - 1])))
			continue;
		len = 0;
		for (j = i; j < n; j++) {
			if (dig(s[j])) {
				if (len == sizeof d)
					break;
				d[len++] = s[j];
			} else if ((s[j] == ' ' || s[j] == '-') && j + 1 < n &&
			    dig(s[j + 1]))
				continue;
			else
				break;
		}
		if (len == sizeof d || (j < n && alnum(s[j])))
			goto next;
		if (len < 13)
			goto next;
		sum = 0;
		for (k = 0; k < (int)len; k++) {
			v = d[len - 1 - (size_t)k] - '0';
			if (k % 2 == 1) {
				v *= 2;
				if (v > 9)
					v -= 9;
			}
			sum += v;
		}
		if (sum % 10 == 0)
			return 1;
next:
		while (i + 1 < n && (dig(s[i + 1]) || s[i + 1] == ' ' ||
		    s[i + 1] == '-'))
			i++;
	}
	return 0;
}

/* four decimal octets 0-255, not part of a longer dotted number */
static int
ipv4(const char *s, size_t n, int profile)
{
	(void)profile;
	size_t i, j;
	int part, v, nd;

	for (i = 0; i < n; i++) {
		if (!dig(s[i]) || (i > 0 && (alnum(s[i - 1]) || s[i - 1] == '.')))
			continue;
		j = i;
		for (part = 0; part < 4; part++) {
			if (part > 0) {
				if (j >= n || s[j] != '.')
					break;
				j++;
			}
			v = 0;
			for (nd = 0; j < n && dig(s[j]) && nd < 4; nd++, j++)
				v = v * 10 + s[j] - '0';
			if (nd == 0 || nd > 3 || v > 255)
				break;
		}
		if (part < 4)
			continue;
		if (j < n && (alnum(s[j]) || (s[j] == '.' && j + 1 < n &&
		    dig(s[j + 1]))))
			continue;
		return 1;
	}
	return 0;
}

/*
 * IPv6: a run of hex digits, colons and dots.  Eight groups without "::",
 * or at most seven with exactly one "::" (and at least two groups, so
 * that "a::b"-like text and "::" alone pass).  A dotted IPv4 tail counts
 * as two groups.  Times such as "14:03:00" have too few groups.
 */
/* groups of one side of "::" (or of the whole address): 1-4 hex digits
 * each, the last one of the address may be a dotted IPv4; -1 if not */
static int
ipv6_groups(const char *s, size_t a, size_t b, int tail)
{
	size_t i, g0;
	int g = 0, dots;

	if (a == b)
		return 0;
	for (g0 = a, i = a; i <= b; i++) {
		if (i < b && s[i] != ':')
			continue;
		if (i == g0)
			return -1;	/* an empty group: a lone colon */
		dots = memchr(s + g0, '.', i - g0) != NULL;
		if (dots) {
			if (!tail || i != b || !ipv4(s + g0, i - g0, FS_PII_STRICT))
				return -1;
			g += 2;
		} else if (i - g0 > 4)
			return -1;
		else
			g++;
		g0 = i + 1;
	}
	return g;
}

/*
 * IPv6: a run of hex digits, colons and dots.  Eight groups without "::",
 * or two to seven with exactly one "::" (so that "::" alone and "::1"
 * pass).  Times such as "14:03:00" have too few groups.
 */
static int
ipv6_run(const char *s, size_t a, size_t b)
{
	const char *dc;
	size_t m;
	int l, r;

	while (a < b && s[a] == '.')
		a++;
	while (b > a && s[b - 1] == '.')
		b--;
	dc = memmem(s + a, b - a, "::", 2);
	if (dc == NULL) {
		l = ipv6_groups(s, a, b, 1);
		return l == 8;
	}
	m = (size_t)(dc - s);
	if (memmem(s + m + 1, b - m - 1, "::", 2) != NULL)
		return 0;
	l = ipv6_groups(s, a, m, 0);
	r = ipv6_groups(s, m + 2, b, 1);
	return l >= 0 && r >= 0 && l + r >= 2 && l + r <= 7;
}

static int
ipv6(const char *s, size_t n, int profile)
{
	(void)profile;
	size_t i = 0, a;

	while (i < n) {
		if (!(hex(s[i]) || s[i] == ':')) {
			i++;
			continue;
		}
		a = i;
		while (i < n && (hex(s[i]) || s[i] == ':' || s[i] == '.'))
			i++;
		if (ipv6_run(s, a, i))
			return 1;
	}
	return 0;
}

/* six hex pairs joined by one kind of separator (: or -), or three
 * groups of four joined by dots (Cisco) */
static int
mac(const char *s, size_t n, int profile)
{
	(void)profile;
	size_t i, j;
	int k;
	char sep;

	for (i = 0; i + 14 <= n; i++) {
		if (i > 0 && (alnum(s[i - 1]) || s[i - 1] == ':' ||
		    s[i - 1] == '-' || s[i - 1] == '.'))
			continue;
		if (i + 17 <= n && (s[i + 2] == ':' || s[i + 2] == '-')) {
			sep = s[i + 2];
			for (k = 0, j = i; k < 6; k++, j += 3)
				if (!hex(s[j]) || !hex(s[j + 1]) ||
				    (k < 5 && s[j + 2] != sep))
					break;
			if (k == 6 && (i + 17 == n || !(alnum(s[i + 17]) ||
			    s[i + 17] == sep)))
				return 1;
		}
		for (k = 0, j = i; k < 3; k++, j += 5)
			if (!hex(s[j]) || !hex(s[j + 1]) || !hex(s[j + 2]) ||
			    !hex(s[j + 3]) || (k < 2 && s[j + 4] != '.'))
				break;
		if (k == 3 && (i + 14 == n || !(alnum(s[i + 14]) ||
		    s[i + 14] == '.')))
			return 1;
	}
	return 0;
}

/* scheme://user[:password]@host: any user part in a URL's authority */
static int
url_credentials(const char *s, size_t n, int profile)
{
	(void)profile;
	size_t i, j;

	for (i = 0; i + 3 <= n; i++) {
		if (s[i] != ':' || s[i + 1] != '/' || s[i + 2] != '/' || i == 0 ||
		    !alpha(s[i - 1]))
			continue;
		for (j = i + 3; j < n && s[j] != '/' && s[j] != '?' &&
		    s[j] != '#' && s[j] != ' ' && s[j] != '\t'; j++)
			if (s[j] == '@' && j > i + 3)
				return 1;
	}
	return 0;
}

static int
prefix_ci(const char *s, size_t n, const char *p)
{
	size_t k;

	for (k = 0; p[k] != '\0'; k++)
		if (k >= n || lower(s[k]) != lower(p[k]))
			return 0;
	return 1;
}

/* a home folder followed by the user's name: /home/x, /Users/x,
 * C:\Users\x, C:/Users/x, \\host\Users\x, C:\Documents and Settings\x */
static int
home_path(const char *s, size_t n, int profile)
{
	(void)profile;
	static const char *const win[] = { "users", "documents and settings" };
	size_t i, k, l;

	for (i = 0; i < n; i++) {
		if (s[i] == '/') {
			if (i + 6 < n && memcmp(s + i, "/home/", 6) == 0 &&
			    s[i + 6] != '/')
				return 1;
			if (i + 7 < n && memcmp(s + i, "/Users/", 7) == 0 &&
			    s[i + 7] != '/')
				return 1;
		}
		if (s[i] != '\\' && s[i] != '/')
			continue;
		/* Windows: after a drive "C:" or a UNC "\\host" */
		if (!(i >= 2 && s[i - 1] == ':' && alpha(s[i - 2])) &&
		    !(s[i] == '\\' && i > 0))
			continue;
		for (k = 0; k < sizeof win / sizeof win[0]; k++) {
			l = strlen(win[k]);
			if (prefix_ci(s + i + 1, n - i - 1, win[k]) &&
			    i + 1 + l + 1 < n && (s[i + 1 + l] == '\\' ||
			    s[i + 1 + l] == '/') && s[i + 2 + l] != '\\' &&
			    s[i + 2 + l] != '/')
				return 1;
		}
	}
	return 0;
}

/* YYYYMMDD, a calendar day from 1990 to 2099 */
static int
date8(const char *s)
{
	int y, m, d;

	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[4] - '0') * 10 + (s[5] - '0');
	d = (s[6] - '0') * 10 + (s[7] - '0');
	return y >= 1990 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= 31;
}

/*
 * Serial numbers, keys and tokens:
 *  - 7 or more digits in a row (model numbers have at most 5 or 6);
 *  - 12 or more hex digits in a row with a digit among them (hashes,
 *    MAC addresses without separators, UUID tails);
 *  - a word (letters, digits, - _) of 8 or more characters with 3 or more
 *    digits where letters and digits alternate 4 or more times (keys
 *    such as "7Q2M-K8P3"; "7B13", "i7-10700K" alternate less);
 *  - a word of letters and digits, 8 or more long, with 5 or more
 *    digits ("3XK047003"; "C14000" and "10700K" are shorter);
 *  - 3 or more dash-separated groups of letters and digits, 12 or more of
 *    them, 4 or more digits and some letters ("FLX-AAAA-1111-BBBB");
 *  - 24 or more characters of a base64 or crypt(3) alphabet without a
 *    break (tokens, password hashes such as "$2b$12$...").
 * The model-name profile asks 6 alternations and 7 digits of the two word
 * rules, as real CPU names have up to 5 ("i7-1185G7E", "i5-L16G7") and 6
 * ("AMD Ryzen 9 7950X3D"), and 4 dash groups ("Loongson-3A5000-HV" has 3,
 * "FLX-7Q2M-K8P3-Z9W1" 4); the version profile lets an 8-digit run pass
 * when it is a calendar day (a rolling release's VERSION_ID).
 */
static int
serial(const char *s, size_t n, int profile)
{
	size_t i, j, run;
	int d, l, alt, groups, mixed, gd, gl, an;
	/* model names: "i7-1185G7E", "OcteonTX2-95XXMM" are not keys */
	int min_alt = profile == FS_PII_MODEL_NAME ? 6 : 4;
	int min_wd = profile == FS_PII_MODEL_NAME ? 7 : 5;
	/* "Loongson-3A5000-HV" is three groups, a licence key four */
	int min_groups = profile == FS_PII_MODEL_NAME ? 4 : 3;

	for (i = 0; i < n; i = j + 1) {
		for (j = i; j < n && dig(s[j]); j++)
			;
		run = j - i;
		/* a version may be a release date ("20240823", Tumbleweed) */
		if (run >= 7 && !(profile == FS_PII_VERSION && run == 8 &&
		    date8(s + i)))
			return 1;
	}
	for (i = 0; i < n; i = j + 1) {
		d = 0;
		for (j = i; j < n && hex(s[j]); j++)
			d += dig(s[j]);
		if (j - i >= 12 && d > 0)
			return 1;
	}
	for (i = 0; i < n; i = j + 1) {
		d = l = alt = 0;
		for (j = i; j < n && (alnum(s[j]) || s[j] == '-' ||
		    s[j] == '_'); j++) {
			d += dig(s[j]);
			l += alpha(s[j]);
			if (j > i && ((dig(s[j]) && alpha(s[j - 1])) ||
			    (alpha(s[j]) && dig(s[j - 1]))))
				alt++;
		}
		if (j - i >= 8 && d >= 3 && l >= 2 && alt >= min_alt)
			return 1;
	}
	for (i = 0; i < n; i = j + 1) {
		d = l = 0;
		for (j = i; j < n && alnum(s[j]); j++) {
			d += dig(s[j]);
			l += alpha(s[j]);
		}
		if (j - i >= 8 && d >= min_wd && l >= 1)
			return 1;
	}
	for (i = 0; i < n; i = j + 1) {
		groups = mixed = an = d = 0;
		gd = gl = 0;
		for (j = i; j <= n; j++) {
			if (j < n && alnum(s[j])) {
				gd += dig(s[j]);
				gl += alpha(s[j]);
				an++;
				continue;
			}
			if (gd + gl > 0) {
				groups++;
				mixed |= gl > 0;
				d += gd;
			}
			gd = gl = 0;
			if (j == n || s[j] != '-' || j + 1 >= n ||
			    !alnum(s[j + 1]))
				break;
		}
		if (groups >= min_groups && an >= 12 && d >= 4 && mixed)
			return 1;
	}
	run = 0;
	for (i = 0; i < n; i++) {
		run = (alnum(s[i]) || s[i] == '+' || s[i] == '/' ||
		    s[i] == '=' || s[i] == '.' || s[i] == '$') ? run + 1 : 0;
		if (run >= 24)
			return 1;
	}
	return 0;
}
