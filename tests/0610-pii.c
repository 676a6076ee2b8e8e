/* 0610-pii: each PII detector with true positives and near misses */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fluxstat.h"
#include "tap.h"

struct tcase {
	enum fs_pii det;
	int hit;
	const char *s;
};

/*
 * Every detector gets strings it must find and strings that look close
 * but must pass.  The near misses of the last block are the values a
 * report really carries; no detector may fire on them.
 */
static const struct tcase cases[] = {
	{ FS_PII_EMAIL, 1, "anna.schulz@example.com" },
	{ FS_PII_EMAIL, 1, "Kontakt: j.doe+print@druckerei-beispiel.de, bitte" },
	{ FS_PII_EMAIL, 1, "x@mail.co.uk" },
	{ FS_PII_EMAIL, 1, "王芳@例子.中国" },
	{ FS_PII_EMAIL, 1, "jürgen.müller@bäckerei-müller.de" },
	{ FS_PII_EMAIL, 1, "info@xn--mller-kva.xn--p1ai" },
	{ FS_PII_EMAIL, 1, "post@XN--80AK6AA92E.XN--P1AI" },
	{ FS_PII_EMAIL, 1, "anna@xn--bcher-kva.example" },
	{ FS_PII_EMAIL, 1, "\"anna schulz\"@example.com" },
	{ FS_PII_EMAIL, 1, "anna@[192.0.2.1]" },
	{ FS_PII_EMAIL, 1, "anna@[IPv6:2001:db8::1]" },
	{ FS_PII_EMAIL, 1, "Mail an anna@example.com." },
	{ FS_PII_EMAIL, 0, "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz" },
	{ FS_PII_EMAIL, 0, "user@xn--" },
	{ FS_PII_EMAIL, 0, "user@example.xn--" },
	{ FS_PII_EMAIL, 0, "user@example.xn--p1ai-" },
	{ FS_PII_EMAIL, 0, "user@example.123" },
	{ FS_PII_EMAIL, 0, "user@-.de" },
	{ FS_PII_EMAIL, 0, "a@[x]" },
	{ FS_PII_EMAIL, 0, "user@localhost" },
	{ FS_PII_EMAIL, 0, "@example.com" },
	{ FS_PII_EMAIL, 0, "a@b.c" },
	{ FS_PII_EMAIL, 0, "version@2.1" },

	{ FS_PII_PHONE, 1, "+49 171 1234567" },
	{ FS_PII_PHONE, 1, "+1 (555) 123-4567" },
	{ FS_PII_PHONE, 1, "0171 1234567" },
	{ FS_PII_PHONE, 1, "(030) 123 456 78" },
	{ FS_PII_PHONE, 1, "030-1234567" },
	{ FS_PII_PHONE, 1, "0171.123.45.67" },
	{ FS_PII_PHONE, 1, "0049 89 12345678" },
	{ FS_PII_PHONE, 1, "555-123-4567" },
	{ FS_PII_PHONE, 1, "555.123.4567" },
	{ FS_PII_PHONE, 1, "Tel. 089/123456" },
	{ FS_PII_PHONE, 1, "bitte an Frau Schulz, Tel 0171 2345678" },
	{ FS_PII_PHONE, 0, "10.2.3.4567" },
	{ FS_PII_PHONE, 0, "2026-11-29" },
	{ FS_PII_PHONE, 0, "29.11.2026" },
	{ FS_PII_PHONE, 0, "AccurioPress C14000" },
	{ FS_PII_PHONE, 0, "AMD EPYC 7B13 64-Core Processor" },
	{ FS_PII_PHONE, 0, "+49 171" },
	{ FS_PII_PHONE, 0, "12x18" },
	{ FS_PII_PHONE, 0, "Windows 10.0.19045" },
	{ FS_PII_PHONE, 0, "0.95" },

	{ FS_PII_IBAN, 1, "DE89370400440532013000" },
	{ FS_PII_IBAN, 1, "DE89 3704 0044 0532 0130 00" },
	{ FS_PII_IBAN, 1, "IBAN: GB82 WEST 1234 5698 7654 32." },
	{ FS_PII_IBAN, 1, "fr1420041010050500013m02606" },
	{ FS_PII_IBAN, 1, "NO9386011117947" },
	{ FS_PII_IBAN, 0, "DE89 3704 0044 0532 0130 01" },
	{ FS_PII_IBAN, 0, "GB82 WEST 1234 5698 7654 33" },
	{ FS_PII_IBAN, 0, "DE89 3704" },
	{ FS_PII_IBAN, 0, "SRA3" },
	{ FS_PII_IBAN, 0, "AB12 rest of text" },

	{ FS_PII_CARD, 1, "4111111111111111" },
	{ FS_PII_CARD, 1, "4111 1111 1111 1111" },
	{ FS_PII_CARD, 1, "5500-0000-0000-0004" },
	{ FS_PII_CARD, 1, "card 378282246310005 exp" },
	{ FS_PII_CARD, 1, "6011000990139424" },
	{ FS_PII_CARD, 0, "4111111111111112" },
	{ FS_PII_CARD, 0, "4111 1111 1111 1112" },
	{ FS_PII_CARD, 0, "411111111111" },
	{ FS_PII_CARD, 0, "10.2.3.4567" },
	{ FS_PII_CARD, 0, "12345678901234567890123" },

	{ FS_PII_IPV4, 1, "192.168.1.23" },
	{ FS_PII_IPV4, 1, "printer at 10.0.0.5, room 2" },
	{ FS_PII_IPV4, 1, "255.255.255.255" },
	{ FS_PII_IPV4, 0, "10.2.3.4567" },
	{ FS_PII_IPV4, 0, "10.2.3" },
	{ FS_PII_IPV4, 0, "256.1.1.1" },
	{ FS_PII_IPV4, 0, "1.2.3.4.5" },
	{ FS_PII_IPV4, 0, "v2.90.1.0x" },

	{ FS_PII_IPV6, 1, "2001:db8:85a3:0:0:8a2e:370:7334" },
	{ FS_PII_IPV6, 1, "fe80::1ff:fe23:4567:890a" },
	{ FS_PII_IPV6, 1, "host 2001:db8::1 up" },
	{ FS_PII_IPV6, 1, "::ffff:192.0.2.128" },
	{ FS_PII_IPV6, 0, "14:03:00" },
	{ FS_PII_IPV6, 0, "::" },
	{ FS_PII_IPV6, 0, "::1" },
	{ FS_PII_IPV6, 0, "00:1a:2b:3c:4d:5e" },
	{ FS_PII_IPV6, 0, "2001:db8::1::2" },
	{ FS_PII_IPV6, 0, "std::vector" },

	{ FS_PII_MAC, 1, "00:1a:2b:3c:4d:5e" },
	{ FS_PII_MAC, 1, "00-1A-2B-3C-4D-5E" },
	{ FS_PII_MAC, 1, "nic 001a.2b3c.4d5e" },
	{ FS_PII_MAC, 0, "00:1a:2b:3c:4d" },
	{ FS_PII_MAC, 0, "00:1a-2b:3c-4d:5e" },
	{ FS_PII_MAC, 0, "2026-11-29" },
	{ FS_PII_MAC, 0, "14:03:00" },

	{ FS_PII_URL_CREDENTIALS, 1, "https://admin:s3cret@mail.example.com/" },
	{ FS_PII_URL_CREDENTIALS, 1, "smtp://user@smtp.example.com:587" },
	{ FS_PII_URL_CREDENTIALS, 1, "ftp://u:p@10.0.0.1" },
	{ FS_PII_URL_CREDENTIALS, 0, "https://example.com/a@b" },
	{ FS_PII_URL_CREDENTIALS, 0, "https://example.com:8443/" },
	{ FS_PII_URL_CREDENTIALS, 0, "CPU @ 2.90GHz" },

	{ FS_PII_HOME_PATH, 1, "/home/anna/Flyer.pdf" },
	{ FS_PII_HOME_PATH, 1, "/Users/jdoe" },
	{ FS_PII_HOME_PATH, 1, "C:\\Users\\Anna\\Desktop" },
	{ FS_PII_HOME_PATH, 1, "c:/users/anna" },
	{ FS_PII_HOME_PATH, 1, "\\\\fileserver\\Users\\anna" },
	{ FS_PII_HOME_PATH, 1, "D:\\Documents and Settings\\anna" },
	{ FS_PII_HOME_PATH, 0, "Debian GNU/Linux" },
	{ FS_PII_HOME_PATH, 0, "/home/" },
	{ FS_PII_HOME_PATH, 0, "/home" },
	{ FS_PII_HOME_PATH, 0, "C:\\Program Files\\Flux" },
	{ FS_PII_HOME_PATH, 0, "C:\\Users\\" },
	{ FS_PII_HOME_PATH, 0, "homepage/index" },

	{ FS_PII_SERIAL, 1, "SN 12345678" },
	{ FS_PII_SERIAL, 1, "1234567" },
	{ FS_PII_SERIAL, 1, "FLX-7Q2M-K8P3-Z9W1" },
	{ FS_PII_SERIAL, 1, "FLX-AAAA-1111-BBBB" },
	{ FS_PII_SERIAL, 1, "8c0f6a8e-1b2c-4d5e-8f90-a1b2c3d4e5f6" },
	{ FS_PII_SERIAL, 1, "d41d8cd98f00b204e9800998ecf8427e" },
	{ FS_PII_SERIAL, 1, "001a2b3c4d5e" },
	{ FS_PII_SERIAL, 1, "aZ3kP9qL2mN8" },
	{ FS_PII_SERIAL, 1, "eyJhbGciOiJIUzI1NiJ9eyJzdWIi" },
	{ FS_PII_SERIAL, 1, "$2b$12$Dupr.ydA.UsaWp1onsqKDHtlL.BiJxKVmJi" },
	{ FS_PII_SERIAL, 0, "Red Hat Enterprise Linux Server" },
	{ FS_PII_SERIAL, 1, "printer 3XK047003" },
	{ FS_PII_SERIAL, 0, "RTX3080Ti" },
	{ FS_PII_SERIAL, 0, "org.example.app" },
	{ FS_PII_SERIAL, 0, "AccurioPress C14000" },
	{ FS_PII_SERIAL, 0, "AccurioJet 60000" },
	{ FS_PII_SERIAL, 0, "10.2.3.4567" },
	{ FS_PII_SERIAL, 0, "123456" },
	{ FS_PII_SERIAL, 0, "Intel(R) Core(TM) i7-10700K CPU @ 3.80GHz" },
	{ FS_PII_SERIAL, 0, "export-import-job-data" },
	{ FS_PII_SERIAL, 0, "color-coverage-analysis" },
	{ FS_PII_SERIAL, 0, "deadbeef" },
};

/* the same strings under a slot's profile (model_name, version) */
struct pcase {
	enum fs_pii_profile prof;
	int hit;			/* fs_pii_scan_as finds something */
	const char *s;
};

static const struct pcase pcases[] = {
	/* real CPU names the strict detectors took for personal data */
	{ FS_PII_MODEL_NAME, 0, "AMD Ryzen 9 3900 12-Core Processor" },
	{ FS_PII_MODEL_NAME, 0, "11th Gen Intel(R) Core(TM) i7-1185G7E @ 2.80GHz" },
	{ FS_PII_MODEL_NAME, 0, "Intel(R) Core(TM) i5-L16G7 CPU @ 1.40GHz" },
	{ FS_PII_MODEL_NAME, 0, "Loongson-3A5000-HV" },
	{ FS_PII_MODEL_NAME, 0, "Cavium OcteonTX2-95XXMM" },
	{ FS_PII_MODEL_NAME, 0, "Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz" },
	{ FS_PII_MODEL_NAME, 0, "AMD Ryzen 9 7950X3D 16-Core Processor" },
	/* near misses: what is really personal still fires there */
	{ FS_PII_MODEL_NAME, 1, "Intel CPU +49 171 1234567" },
	{ FS_PII_MODEL_NAME, 1, "AMD 0171 2345678" },
	{ FS_PII_MODEL_NAME, 1, "Intel CPU 555-123-4567" },
	{ FS_PII_MODEL_NAME, 1, "Intel CPU 1234567" },
	{ FS_PII_MODEL_NAME, 1, "Intel CPU FLX-7Q2M-K8P3-Z9W1" },
	{ FS_PII_MODEL_NAME, 1, "Intel CPU 7Q2MK8P3Z9W1" },
	{ FS_PII_MODEL_NAME, 1, "Intel CPU anna@example.com" },
	{ FS_PII_MODEL_NAME, 1, "Intel CPU 4111 1111 1111 1111" },
	{ FS_PII_MODEL_NAME, 1, "Intel CPU 192.168.1.23" },
	{ FS_PII_MODEL_NAME, 1, "Intel CPU d41d8cd98f00b204e98" },
	{ FS_PII_STRICT, 1, "AMD Ryzen 9 3900 12-Core Processor" },
	{ FS_PII_STRICT, 1, "Loongson-3A5000-HV" },
	/* versions: a release date is not a serial, other long runs are */
	{ FS_PII_VERSION, 0, "20240823" },
	{ FS_PII_VERSION, 0, "10.2.3.4567" },
	{ FS_PII_VERSION, 1, "20241399" },
	{ FS_PII_VERSION, 1, "12345678" },
	{ FS_PII_VERSION, 1, "202408231" },
	{ FS_PII_VERSION, 1, "1.555.123.4567" },
	{ FS_PII_VERSION, 1, "10.2.3.4" },
	{ FS_PII_STRICT, 1, "20240823" },
};

/* the version shape (fs_version_shape): real versions, and phone numbers
 * written with dots */
static const struct {
	int ok;
	const char *s;
} vcases[] = {
	{ 1, "12" }, { 1, "22.04" }, { 1, "8.10" }, { 1, "2018.03" },
	{ 1, "3.19.1" }, { 1, "4459.0.0" }, { 1, "12.1.0.1" }, { 1, "38250" },
	{ 1, "10.0.19045" }, { 1, "10.0.19045.3803" }, { 1, "10.2.3.4567" },
	{ 1, "0.6.3" }, { 1, "12.00" }, { 1, "23.05.2" }, { 1, "20240823" },
	{ 1, "1.4.0" }, { 1, "2019.02.9" },
	{ 0, "0171.123.45.67" }, { 0, "030.123.456.78" }, { 0, "30.123.456.78" },
	{ 0, "555.123.4567" }, { 0, "44.20.7946.0958" }, { 0, "89.12345678" },
	{ 0, "49.171.1234567" }, { 0, "1.2.3.4.5" }, { 0, "" }, { 0, "." },
	{ 0, "1..2" }, { 0, "1.2." }, { 0, ".1" }, { 0, "v1.2" }, { 0, "1.2a" },
	{ 0, "20241399" }, { 0, "19891231" }, { 0, "123456" }, { 0, "1.0123" },
	{ 0, "06.1234.5678" },
};

/* what a report really carries: nothing may fire */
static const char *const clean[] = {
	"AccurioPress C14000", "AccurioPrint C759", "AccurioJet KM-1e",
	"bizhub PRESS 1250", "Canon imagePRESS V1000", "HP Indigo 7K",
	"10.2.3", "10.2.3.4567", "1.4.0", "22.04", "12", "12x18", "13x19",
	"SRA3", "A4", "Letter", "2026-11-29", "2026-11-29T00:00:00+01:00",
	"Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz",
	"AMD EPYC 7B13 64-Core Processor",
	"Intel(R) Core(TM) i7-10700K CPU @ 3.80GHz",
	"AMD Ryzen 9 7950X3D 16-Core Processor", "Apple M2 Pro",
	"QEMU Virtual CPU version 2.5+", "ARM Cortex-A72",
	"Debian GNU/Linux", "Red Hat Enterprise Linux", "Windows Server",
	"E_PRINTER_OFFLINE", "export-import-job-data",
	"color-coverage-analysis", "two_factor_auth", "price_display_gross",
	"0.5", "0.95", "max", "4p", "32p", "32", "webshop_items",
	"professional", "subscription", "microsoft_graph", "coated_gloss",
};

int
main(void)
{
	char desc[200];
	size_t i, nc = sizeof cases / sizeof cases[0];
	size_t nclean = sizeof clean / sizeof clean[0];

	fs_setprogname("0610-pii");
	size_t np = sizeof pcases / sizeof pcases[0];
	size_t nv = sizeof vcases / sizeof vcases[0];

	tap_plan((int)(nc + nclean + np + nv + 3));
	for (i = 0; i < nc; i++) {
		const struct tcase *t = &cases[i];

		snprintf(desc, sizeof desc, "%s %s: %s", fs_pii_name(t->det),
		    t->hit ? "finds" : "passes", t->s);
		tap_ok(fs_pii_detect(t->det, t->s, strlen(t->s)) == t->hit, desc);
	}
	for (i = 0; i < nclean; i++) {
		enum fs_pii hit = fs_pii_scan(clean[i], strlen(clean[i]));

		snprintf(desc, sizeof desc, "no detector fires on: %s", clean[i]);
		if (!tap_ok(hit == FS_PII_NONE, desc))
			printf("# fired: %s\n", fs_pii_name(hit));
	}
	for (i = 0; i < np; i++) {
		const struct pcase *t = &pcases[i];
		enum fs_pii hit = fs_pii_scan_as(t->s, strlen(t->s), t->prof);

		snprintf(desc, sizeof desc, "%s profile %s: %s",
		    fs_pii_profile_name(t->prof), t->hit ? "finds" : "passes",
		    t->s);
		if (!tap_ok((hit != FS_PII_NONE) == t->hit, desc))
			printf("# fired: %s\n", fs_pii_name(hit));
	}
	for (i = 0; i < nv; i++) {
		snprintf(desc, sizeof desc, "version shape %s: \"%s\"",
		    vcases[i].ok ? "takes" : "refuses", vcases[i].s);
		tap_ok(fs_version_shape(vcases[i].s, strlen(vcases[i].s)) ==
		    vcases[i].ok, desc);
	}
	tap_ok(fs_pii_scan("", 0) == FS_PII_NONE, "the empty string passes");
	tap_ok(fs_pii_scan("x anna@example.com", 18) == FS_PII_EMAIL,
	    "scan names the detector that fired");
	/* the length is the caller's: bytes after it are not looked at */
	tap_ok(fs_pii_scan("4p 4111111111111111", 2) == FS_PII_NONE,
	    "only the first n bytes are scanned");
	return tap_done();
}
