/*
 * mkflux-pii.c: realistic personal data in several languages and scripts.
 *
 * People come from a fixed pool (NPERSONS), so the set of planted strings
 * is bounded whatever the scale: a row at scale 1000 reuses the people of
 * scale 1.  Every personal field is built from these atoms, and every atom
 * written to a store is recorded (plant) for planted.txt.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "mkflux.h"

struct nm {
	const char *n;		/* native */
	const char *r;		/* romanised, lower case ASCII */
};
struct city {
	const char *zip, *name;
};
struct locale {
	const char *cc;
	const struct nm *first;
	size_t nfirst;
	const struct nm *last;
	size_t nlast;
	int family_first;	/* "王芳": family name first, no space */
	const char *const *streets;
	size_t nstreets;
	int number_first;	/* "12 rue de la Paix" */
	const struct city *cities;
	size_t ncities;
	const char *zipmark;	/* before the zip: "〒" in Japan */
	const char *const *phones;	/* '#' is a random digit */
	size_t nphones;
	const char *const *domains;
	size_t ndomains;
	const char *iban_cc;
};

#define L(a) a, NELEM(a)

static const struct nm de_first[] = { { "Jürgen", "juergen" },
	{ "Anna", "anna" }, { "Björn", "bjoern" }, { "Käthe", "kaethe" },
	{ "Lukas", "lukas" }, { "Sören", "soeren" }, { "Mareike", "mareike" },
	{ "Günther", "guenther" }, { "Zoë", "zoe" }, { "Leonie", "leonie" } };
static const struct nm de_last[] = { { "Müller", "mueller" },
	{ "Schulz", "schulz" }, { "Weiß", "weiss" }, { "Größer", "groesser" },
	{ "Meier", "meier" }, { "Bäcker", "baecker" }, { "Schröder", "schroeder" },
	{ "Hoffmann", "hoffmann" }, { "Krüger", "krueger" }, { "Öztürk", "oeztuerk" } };
static const char *const de_streets[] = { "Hauptstraße", "Königsallee",
	"Müllerstraße", "Am Gänsemarkt", "Schloßstraße", "Düsseldorfer Weg" };
static const struct city de_cities[] = { { "10115", "Berlin" },
	{ "80331", "München" }, { "50667", "Köln" }, { "20095", "Hamburg" },
	{ "01067", "Dresden" }, { "79098", "Freiburg im Breisgau" } };
static const char *const de_phones[] = { "0171 #######", "+49 30 ########",
	"(089) ### ## ##", "+49 (0)711 ######-##", "0049 221 #######" };
static const char *const de_domains[] = { "web.de", "gmx.de", "t-online.de",
	"druckerei-mueller.de", "posteo.de" };

static const struct nm fr_first[] = { { "François", "francois" },
	{ "Hélène", "helene" }, { "Zoé", "zoe" }, { "Jérôme", "jerome" },
	{ "Cécile", "cecile" }, { "Gaël", "gael" } };
static const struct nm fr_last[] = { { "Lefèvre", "lefevre" },
	{ "Dubois", "dubois" }, { "Girard", "girard" }, { "Bénard", "benard" },
	{ "Rousseau", "rousseau" }, { "Château", "chateau" } };
static const char *const fr_streets[] = { "rue de la Paix",
	"boulevard Saint-Germain", "avenue Jean-Jaurès", "place de l’Église" };
static const struct city fr_cities[] = { { "75008", "Paris" },
	{ "69002", "Lyon" }, { "13001", "Marseille" }, { "31000", "Toulouse" } };
static const char *const fr_phones[] = { "01 ## ## ## ##",
	"+33 6 ## ## ## ##", "+33 (0)4 ## ## ## ##" };
static const char *const fr_domains[] = { "orange.fr", "free.fr",
	"laposte.net", "imprimerie-lefevre.fr" };

static const struct nm pl_first[] = { { "Łukasz", "lukasz" },
	{ "Małgorzata", "malgorzata" }, { "Wojciech", "wojciech" },
	{ "Zofia", "zofia" }, { "Grzegorz", "grzegorz" } };
static const struct nm pl_last[] = { { "Wiśniewski", "wisniewski" },
	{ "Kowalczyk", "kowalczyk" }, { "Żółkowska", "zolkowska" },
	{ "Dąbrowski", "dabrowski" }, { "Szczęsna", "szczesna" } };
static const char *const pl_streets[] = { "ul. Świętokrzyska", "ul. Piękna",
	"al. Jerozolimskie", "ul. Żurawia" };
static const struct city pl_cities[] = { { "00-001", "Warszawa" },
	{ "30-001", "Kraków" }, { "80-001", "Gdańsk" }, { "50-001", "Wrocław" } };
static const char *const pl_phones[] = { "+48 ### ### ###", "22 ### ## ##",
	"+48 (22) ### ## ##" };
static const char *const pl_domains[] = { "wp.pl", "onet.pl", "interia.pl" };

static const struct nm el_first[] = { { "Γιώργος", "giorgos" },
	{ "Ελένη", "eleni" }, { "Δημήτρης", "dimitris" }, { "Αικατερίνη", "aikaterini" } };
static const struct nm el_last[] = { { "Παπαδόπουλος", "papadopoulos" },
	{ "Οικονόμου", "oikonomou" }, { "Καραγιάννη", "karagianni" },
	{ "Βασιλείου", "vasileiou" } };
static const char *const el_streets[] = { "Οδός Ερμού", "Λεωφόρος Συγγρού",
	"Οδός Αιόλου" };
static const struct city el_cities[] = { { "105 63", "Αθήνα" },
	{ "546 21", "Θεσσαλονίκη" } };
static const char *const el_phones[] = { "+30 21 #### ####", "69# ### ####" };
static const char *const el_domains[] = { "otenet.gr", "yahoo.gr" };

static const struct nm ru_first[] = { { "Дмитрий", "dmitry" },
	{ "Ольга", "olga" }, { "Сергей", "sergey" }, { "Наталья", "natalya" } };
static const struct nm ru_last[] = { { "Иванова", "ivanova" },
	{ "Смирнов", "smirnov" }, { "Кузнецов", "kuznetsov" },
	{ "Соколова", "sokolova" } };
static const char *const ru_streets[] = { "ул. Тверская", "Невский проспект",
	"ул. Арбат" };
static const struct city ru_cities[] = { { "125009", "Москва" },
	{ "191186", "Санкт-Петербург" } };
static const char *const ru_phones[] = { "+7 495 ###-##-##",
	"8 (916) ###-##-##" };
static const char *const ru_domains[] = { "yandex.ru", "mail.ru" };

static const struct nm zh_first[] = { { "芳", "fang" }, { "伟", "wei" },
	{ "秀英", "xiuying" }, { "建国", "jianguo" } };
static const struct nm zh_last[] = { { "王", "wang" }, { "李", "li" },
	{ "张", "zhang" }, { "欧阳", "ouyang" } };
static const char *const zh_streets[] = { "朝阳区建国路", "浦东新区世纪大道" };
static const struct city zh_cities[] = { { "100020", "北京" },
	{ "200120", "上海" } };
static const char *const zh_phones[] = { "+86 13# #### ####",
	"010-#### ####" };
static const char *const zh_domains[] = { "qq.com", "163.com" };

static const struct nm ja_first[] = { { "花子", "hanako" }, { "太郎", "taro" },
	{ "陽菜", "hina" }, { "翔太", "shota" } };
static const struct nm ja_last[] = { { "佐藤", "sato" }, { "鈴木", "suzuki" },
	{ "高橋", "takahashi" }, { "渡辺", "watanabe" } };
static const char *const ja_streets[] = { "千代田区丸の内", "渋谷区道玄坂" };
static const struct city ja_cities[] = { { "100-0005", "東京都" },
	{ "530-0001", "大阪市" } };
static const char *const ja_phones[] = { "+81 3-####-####", "090-####-####" };
static const char *const ja_domains[] = { "yahoo.co.jp", "docomo.ne.jp" };

static const struct nm ar_first[] = { { "محمد", "mohammed" },
	{ "فاطمة", "fatima" }, { "أحمد", "ahmed" }, { "ليلى", "layla" } };
static const struct nm ar_last[] = { { "العلي", "alali" }, { "حداد", "haddad" },
	{ "الخوري", "alkhoury" }, { "منصور", "mansour" } };
static const char *const ar_streets[] = { "شارع الملك فهد", "شارع الجمهورية" };
static const struct city ar_cities[] = { { "11564", "الرياض" },
	{ "11511", "القاهرة" } };
static const char *const ar_phones[] = { "+966 5# ### ####",
	"+20 10 #### ####" };
static const char *const ar_domains[] = { "gmail.com", "outlook.sa" };

static const struct nm en_first[] = { { "Seán", "sean" },
	{ "Mary-Jane", "maryjane" }, { "Oliver", "oliver" }, { "Siobhan", "siobhan" },
	{ "D'Arcy", "darcy" } };
static const struct nm en_last[] = { { "O'Brien", "obrien" },
	{ "Smith-Jones", "smithjones" }, { "McAllister", "mcallister" },
	{ "Washington", "washington" } };
static const char *const en_streets[] = { "Baker Street", "Fifth Avenue",
	"Abbey Road", "Sunset Blvd" };
static const struct city en_cities[] = { { "NY 10001", "New York" },
	{ "SW1A 1AA", "London" }, { "CA 94103", "San Francisco" } };
static const char *const en_phones[] = { "+1 (212) 555-####",
	"(415) 555-####", "+44 20 7946 ####", "07700 9#####", "+1-202-555-####" };
static const char *const en_domains[] = { "gmail.com", "outlook.com",
	"yahoo.co.uk", "obrien-print.com" };

static const struct locale locales[] = {
	{ "DE", L(de_first), L(de_last), 0, L(de_streets), 0, L(de_cities),
	  "", L(de_phones), L(de_domains), "DE" },
	{ "FR", L(fr_first), L(fr_last), 0, L(fr_streets), 1, L(fr_cities),
	  "", L(fr_phones), L(fr_domains), "FR" },
	{ "PL", L(pl_first), L(pl_last), 0, L(pl_streets), 0, L(pl_cities),
	  "", L(pl_phones), L(pl_domains), "PL" },
	{ "GR", L(el_first), L(el_last), 0, L(el_streets), 0, L(el_cities),
	  "", L(el_phones), L(el_domains), "GR" },
	{ "RU", L(ru_first), L(ru_last), 0, L(ru_streets), 0, L(ru_cities),
	  "", L(ru_phones), L(ru_domains), "CH" },
	{ "CN", L(zh_first), L(zh_last), 1, L(zh_streets), 0, L(zh_cities),
	  "", L(zh_phones), L(zh_domains), "NL" },
	{ "JP", L(ja_first), L(ja_last), 1, L(ja_streets), 0, L(ja_cities),
	  "〒", L(ja_phones), L(ja_domains), "AT" },
	{ "SA", L(ar_first), L(ar_last), 0, L(ar_streets), 0, L(ar_cities),
	  "", L(ar_phones), L(ar_domains), "SA" },
	{ "US", L(en_first), L(en_last), 0, L(en_streets), 1, L(en_cities),
	  "", L(en_phones), L(en_domains), "GB" },
};
/* weights: a German print shop with an international clientele */
static const unsigned locale_weight[] = { 40, 10, 10, 7, 7, 7, 6, 6, 7 };

static const char *const companies[] = {
	"Druckerei Müller GmbH & Co. KG", "Imprimerie Lefèvre SARL",
	"Drukarnia Wiśniewski sp. z o.o.", "Τυπογραφείο Παπαδόπουλος Α.Ε.",
	"Типография «Иванов и партнёры»", "北京王氏印刷有限公司",
	"佐藤印刷株式会社", "مطبعة الحداد للطباعة", "O'Brien Print & Copy Ltd",
	"Werbeagentur Größer & Söhne", "Bäckerei Krüger e.K.",
	"Café Château Dubois", "Anwaltskanzlei Dr. Schröder",
};

static struct person pool[NPERSONS];

/* ------------------------------------------------------------ planted */

static char **pl_tab;
static size_t pl_cap, pl_n;

static uint64_t
fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

void
plant(const char *s)
{
	size_t i, j;

	/* too short to be told apart from ordinary words and numbers */
	if (strlen(s) < 4)
		return;
	if (pl_n * 2 >= pl_cap) {
		size_t ncap = pl_cap ? pl_cap * 2 : 4096;
		char **nt = fs_xcalloc(ncap, sizeof *nt);

		for (i = 0; i < pl_cap; i++)
			if (pl_tab[i] != NULL) {
				for (j = fnv1a(pl_tab[i]) & (ncap - 1); nt[j];
				    j = (j + 1) & (ncap - 1))
					;
				nt[j] = pl_tab[i];
			}
		free(pl_tab);
		pl_tab = nt;
		pl_cap = ncap;
	}
	for (i = fnv1a(s) & (pl_cap - 1); pl_tab[i]; i = (i + 1) & (pl_cap - 1))
		if (strcmp(pl_tab[i], s) == 0)
			return;
	pl_tab[i] = fs_xstrdup(s);
	pl_n++;
}

const char *
P(const char *s)
{
	plant(s);
	return s;
}

static int
strpcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
write_planted(const char *path)
{
	FILE *fp = xfopen(path);
	size_t i, n = 0;

	for (i = 0; i < pl_cap; i++)
		if (pl_tab[i] != NULL)
			pl_tab[n++] = pl_tab[i];
	qsort(pl_tab, n, sizeof *pl_tab, strpcmp);
	for (i = 0; i < n; i++) {
		fprintf(fp, "%s\n", pl_tab[i]);
		free(pl_tab[i]);
	}
	free(pl_tab);
	xfclose(fp, path);
	return 0;
}

/* -------------------------------------------------------------- atoms */

static void
digits(struct rng *r, char *out, size_t n, const char *tmpl)
{
	size_t i;

	for (i = 0; tmpl[i] && i + 1 < n; i++)
		out[i] = tmpl[i] == '#' ? (char)('0' + rng_below(r, 10)) : tmpl[i];
	out[i] = '\0';
}

/* ISO 13616: check digits 98 - (BBAN CC "00" as a number) mod 97 */
void
pii_iban(struct rng *r, char *out, size_t n, const char *cc)
{
	static const struct { const char *cc; const char *tmpl; } spec[] = {
		{ "DE", "##################" }, { "FR", "#######################" },
		{ "PL", "########################" }, { "GR", "#######################" },
		{ "CH", "#################" }, { "NL", "ABNA##########" },
		{ "AT", "################" }, { "SA", "######################" },
		{ "GB", "NWBK##############" },
	};
	char bban[40], raw[48];
	const char *t = spec[0].tmpl, *p;
	unsigned mod = 0;
	size_t i, j;

	for (i = 0; i < NELEM(spec); i++)
		if (strcmp(spec[i].cc, cc) == 0)
			break;
	if (i == NELEM(spec))
		i = 0;
	cc = spec[i].cc;
	t = spec[i].tmpl;
	digits(r, bban, sizeof bban, t);
	snprintf(raw, sizeof raw, "%s%s00", bban, cc);
	for (p = raw; *p; p++) {
		if (isdigit((unsigned char)*p))
			mod = (mod * 10 + (unsigned)(*p - '0')) % 97;
		else
			mod = (mod * 100 + (unsigned)(*p - 'A' + 10)) % 97;
	}
	snprintf(raw, sizeof raw, "%s%02u%s", cc, 98 - mod, bban);
	/* half of them in the printed form, in groups of four */
	if (rng_pct(r, 50)) {
		snprintf(out, n, "%s", raw);
		return;
	}
	for (i = j = 0; raw[i] && j + 2 < n; i++) {
		if (i > 0 && i % 4 == 0)
			out[j++] = ' ';
		out[j++] = raw[i];
	}
	out[j] = '\0';
}

void
pii_serial(struct rng *r, char *out, size_t n)
{
	static const char *const tmpl[] = { "A7PU0#1######", "SN-####-##-####",
		"JP#########", "3XK######" };

	digits(r, out, n, PICK(r, tmpl));
}

void
pii_hash(struct rng *r, char *out, size_t n)
{
	static const char b64[] =
	    "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	char s[64];
	size_t i;
	int kind = (int)rng_below(r, 3);

	for (i = 0; i < 53; i++)
		s[i] = b64[rng_below(r, 64)];
	s[53] = '\0';
	if (kind == 0)
		snprintf(out, n, "$2b$12$%s", s);
	else if (kind == 1)
		snprintf(out, n, "$argon2id$v=19$m=65536,t=3,p=4$%.22s$%.43s",
		    s + 2, s + 9);
	else
		snprintf(out, n, "pbkdf2_sha256$600000$%.12s$%.43s=", s, s + 10);
	/* argon2/pbkdf2 use standard base64 without '.' */
	for (i = 0; out[i]; i++)
		if (kind != 0 && out[i] == '.')
			out[i] = '+';
}

void
pii_ipv4(struct rng *r, char *out, size_t n)
{
	switch (rng_below(r, 3)) {
	case 0:
		snprintf(out, n, "192.168.%u.%u", (unsigned)rng_below(r, 255),
		    (unsigned)rng_range(r, 2, 254));
		break;
	case 1:
		snprintf(out, n, "10.%u.%u.%u", (unsigned)rng_below(r, 255),
		    (unsigned)rng_below(r, 255), (unsigned)rng_range(r, 2, 254));
		break;
	default:
		snprintf(out, n, "%u.%u.%u.%u", (unsigned)rng_range(r, 81, 217),
		    (unsigned)rng_below(r, 255), (unsigned)rng_below(r, 255),
		    (unsigned)rng_range(r, 2, 254));
	}
}

static void
ipv6(struct rng *r, char *out, size_t n)
{
	if (rng_pct(r, 50))
		snprintf(out, n, "2001:db8:%x:%x::%x:%x",
		    (unsigned)rng_below(r, 0x10000), (unsigned)rng_below(r, 0x10000),
		    (unsigned)rng_below(r, 0x10000), (unsigned)rng_range(r, 1, 0xffff));
	else
		snprintf(out, n, "fe80::%x:%xff:fe%02x:%x",
		    (unsigned)rng_below(r, 0x10000), (unsigned)rng_below(r, 0x100),
		    (unsigned)rng_below(r, 0x100), (unsigned)rng_range(r, 1, 0xffff));
}

const char *
pii_company(struct rng *r)
{
	return PICK(r, companies);
}

static void
password(struct rng *r, char *out, size_t n, const struct nm *first)
{
	static const char alnum[] =
	    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!$%&*+-=?";
	size_t i;

	switch (rng_below(r, 4)) {
	case 0:
		snprintf(out, n, "Sommer%d!", (int)rng_range(r, 2019, 2026));
		break;
	case 1:
		snprintf(out, n, "%c%s%02d#", toupper((unsigned char)first->r[0]),
		    first->r + 1, (int)rng_below(r, 100));
		break;
	case 2:
		snprintf(out, n, "Passwört-%04d", (int)rng_below(r, 10000));
		break;
	default:
		for (i = 0; i < 14 && i + 1 < n; i++)
			out[i] = alnum[rng_below(r, sizeof alnum - 1)];
		out[i] = '\0';
	}
}

static size_t
pick_locale(struct rng *r)
{
	unsigned total = 0, x;
	size_t i;

	for (i = 0; i < NELEM(locale_weight); i++)
		total += locale_weight[i];
	x = (unsigned)rng_below(r, total);
	for (i = 0; x >= locale_weight[i]; i++)
		x -= locale_weight[i];
	return i;
}

void
pii_init(uint64_t seed)
{
	struct rng r;
	size_t i;

	rng_seed(&r, seed, 1);
	for (i = 0; i < NPERSONS; i++) {
		struct person *p = &pool[i];
		const struct locale *lc = &locales[pick_locale(&r)];
		const struct nm *f = &lc->first[rng_below(&r, lc->nfirst)];
		const struct nm *l = &lc->last[rng_below(&r, lc->nlast)];
		const struct city *c = &lc->cities[rng_below(&r, lc->ncities)];
		int num = (int)rng_range(&r, 1, 240);

		p->first = f->n;
		p->last = l->n;
		if (lc->family_first)
			snprintf(p->full, sizeof p->full, "%s%s", l->n, f->n);
		else
			snprintf(p->full, sizeof p->full, "%s %s", f->n, l->n);
		switch (rng_below(&r, 3)) {
		case 0:
			snprintf(p->login, sizeof p->login, "%c%s", f->r[0], l->r);
			break;
		case 1:
			snprintf(p->login, sizeof p->login, "%s.%s", f->r, l->r);
			break;
		default:
			snprintf(p->login, sizeof p->login, "%s%s%u", f->r,
			    l->r, (unsigned)rng_below(&r, 100));
		}
		snprintf(p->email, sizeof p->email, "%s.%s%u@%s", f->r, l->r,
		    (unsigned)i, lc->domains[rng_below(&r, lc->ndomains)]);
		if (rng_pct(&r, 10))	/* mail addresses are case-insensitive */
			p->email[0] = (char)toupper((unsigned char)p->email[0]);
		digits(&r, p->phone, sizeof p->phone,
		    lc->phones[rng_below(&r, lc->nphones)]);
		if (lc->number_first)
			snprintf(p->street, sizeof p->street, "%d %s", num,
			    lc->streets[rng_below(&r, lc->nstreets)]);
		else
			snprintf(p->street, sizeof p->street, "%s %d",
			    lc->streets[rng_below(&r, lc->nstreets)], num);
		snprintf(p->zip, sizeof p->zip, "%s", c->zip);
		p->city = c->name;
		p->country = lc->cc;
		snprintf(p->cityline, sizeof p->cityline, "%s%s %s", lc->zipmark,
		    c->zip, c->name);
		pii_iban(&r, p->iban, sizeof p->iban, lc->iban_cc);
		snprintf(p->custno, sizeof p->custno, "K-%05u", (unsigned)(10000 + i * 37 % 90000));
		password(&r, p->password, sizeof p->password, f);
		pii_hash(&r, p->hash, sizeof p->hash);
		if (rng_pct(&r, 70))
			pii_ipv4(&r, p->ip, sizeof p->ip);
		else
			ipv6(&r, p->ip, sizeof p->ip);
		snprintf(p->mac, sizeof p->mac, "%02X%c%02X%c%02X%c%02X%c%02X%c%02X",
		    (unsigned)rng_below(&r, 256) & 0xfc, ':', (unsigned)rng_below(&r, 256),
		    ':', (unsigned)rng_below(&r, 256), ':', (unsigned)rng_below(&r, 256),
		    ':', (unsigned)rng_below(&r, 256), ':', (unsigned)rng_below(&r, 256));
		if (rng_pct(&r, 30)) {	/* Windows style */
			char *q;

			for (q = p->mac; *q; q++)
				*q = *q == ':' ? '-' : (char)tolower((unsigned char)*q);
		}
	}
}

const struct person *
person(struct rng *r)
{
	return &pool[rng_below(r, NPERSONS)];
}

const struct person *
person_at(size_t i)
{
	return &pool[i % NPERSONS];
}

/*
 * Templates: %F full name, %P phone, %E email, %S street, %C zip and city,
 * %I IBAN, %L login, %W password, %A IP address, %M MAC, %K customer no.
 */
static void
expand(char *out, size_t n, const char *t, const struct person *p)
{
	size_t j = 0;
	const char *a;

	for (; *t && j + 1 < n; t++) {
		if (*t != '%' || t[1] == '\0') {
			out[j++] = *t;
			continue;
		}
		switch (*++t) {
		case 'F': a = p->full; break;
		case 'P': a = p->phone; break;
		case 'E': a = p->email; break;
		case 'S': a = p->street; break;
		case 'C': a = p->cityline; break;
		case 'I': a = p->iban; break;
		case 'L': a = p->login; break;
		case 'W': a = p->password; break;
		case 'A': a = p->ip; break;
		case 'M': a = p->mac; break;
		case 'K': a = p->custno; break;
		default: a = "%"; break;
		}
		plant(a);
		while (*a && j + 1 < n)
			out[j++] = *a++;
	}
	out[j] = '\0';
}

void
pii_free_text(struct rng *r, char *out, size_t n, const struct person *p)
{
	static const char *const tmpl[] = {
		"bitte an %F liefern, Tel. %P, Rückfragen an %E",
		"Rechnung bitte auf %F, %S, %C – IBAN %I",
		"Merci de livrer à %F, %S, %C. Tél. %P",
		"Proszę o fakturę na %F, IBAN %I, tel. %P",
		"Παράδοση: %F, %S, %C, τηλ. %P",
		"Доставка: %F, %P, %E",
		"请联系%F，电话%P，邮箱%E",
		"%Fさんへ、電話%P までご連絡ください",
		"يرجى الاتصال بـ %F على الرقم %P",
		"Call %F at %P or mail %E; invoice to IBAN %I",
		"Zugang für %F: Login %L / Passwort %W (bitte nicht weitergeben)",
		"Drucker unter %A (MAC %M) offline, %F Bescheid geben",
		"Kd.-Nr. %K, Ansprechpartner %F <%E>",
		"Abholung durch %F, Ausweis zeigen\nTel %P",
	};

	expand(out, n, PICK(r, tmpl), p);
}

void
pii_job_name(struct rng *r, char *out, size_t n, const struct person *p)
{
	static const char *const tmpl[] = {
		"Flyer %F 2026.pdf", "Visitenkarten %F", "Hochzeit_%L_final_v3.pdf",
		"Rechnung %K.pdf", "Broschüre Sommerfest – %F.indd",
		"名片 %F.pdf", "Визитки %F.pdf", "Faire-part %F (v2).pdf",
		"Plakat %F %C.pdf", "Kalender 2027 für %F.pdf",
		"Etiketten %F <%E>.pdf", "scan_%P.tif",
	};

	expand(out, n, PICK(r, tmpl), p);
}
