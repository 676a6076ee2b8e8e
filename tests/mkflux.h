/*
 * mkflux.h: internals of tests/mkflux, the reference-installation
 * generator (test-only).  Grouped by the file that defines them.
 */
#ifndef MKFLUX_H
#define MKFLUX_H

#include <stdint.h>
#include <stdio.h>

#include "fluxstat.h"

/* mkflux.c: the run's parameters, the random source, the oracle */
struct rng {
	uint64_t s[4];
};
uint64_t rng_next(struct rng *r);
uint64_t rng_below(struct rng *r, uint64_t n);	/* 0..n-1 */
int64_t rng_range(struct rng *r, int64_t lo, int64_t hi);	/* lo..hi */
int rng_pct(struct rng *r, unsigned pct);	/* 1 with pct % chance */
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);
#define PICK(r, arr) ((arr)[rng_below((r), sizeof(arr) / sizeof((arr)[0]))])
#define NELEM(arr) (sizeof(arr) / sizeof((arr)[0]))

struct run {
	uint64_t seed;
	long long scale;
	const char *day;
	const char *tz;
	const char *out;	/* OUTDIR, also FLUX_ROOT */
	int64_t from, to;	/* the period [from, to), ms since the epoch */
	int64_t wfrom, wto;	/* the window events are spread over */
	long long history;	/* days of history before the window */
	int64_t hfrom;		/* its start: wfrom - history days */
};
extern struct run run;

/* an instant in the window, whole milliseconds or whole seconds */
int64_t rnd_instant(struct rng *r, int whole_seconds);
int in_period(int64_t ms);
/* an instant in the history [hfrom, wfrom), whole seconds; only when
 * run.history > 0 */
int64_t hist_instant(struct rng *r);
/* "2026-11-29T23:00:00Z"; with ms when not whole seconds and ms_ok */
void fmt_utc(int64_t ms, char out[40]);
/* local time at a fixed offset in minutes: "2026-11-30T00:00:00+01:00" */
void fmt_offset(int64_t ms, int off_min, char out[40]);
void xmkdir(const char *path);	/* mkdir -p; dies on failure */
FILE *xfopen(const char *path);	/* create for writing; dies on failure */
void xfclose(FILE *fp, const char *path);
void write_file(const char *path, const char *p, size_t n);

/*
 * The oracle: the expected metric values, accumulated while generating.
 * Label values are indexes into the vocabularies below; the last slot of
 * each array is the fallback (other/custom).
 */
enum vocab_id {
	V_JOB_TYPES, V_ADDONS, V_PRINTER_MODELS, V_PAPER_FORMATS,
	V_PAPER_CATEGORIES, V_SIGNATURES, V_SIGNATURE_PAGES,
	V_PREFLIGHT_CHECKS, V_SYSTEM_SETTINGS, V_PORTAL_SETTINGS,
	V_EMAIL_SERVICES, V_ERROR_CODES, V_NVOCAB
};
#define VMAX 32
extern const char *const *vocab[V_NVOCAB];
extern const size_t vocab_len[V_NVOCAB];
extern const char *const vocab_label[V_NVOCAB];	/* the fallback word */
/* index of s in vocabulary v, or vocab_len[v] (the fallback slot) */
size_t vidx(enum vocab_id v, const char *s);

struct oracle {
	/* install */
	const char *version, *edition, *ltype;
	long long seats;
	const char *addon_ver[VMAX];	/* known add-ons; [n] = other */
	/* config */
	long long products[VMAX], paper_formats[VMAX], paper_types[VMAX];
	long long signatures[VMAX], printers[VMAX];
	long long profiles, checks[VMAX];
	const char *email;
	long long users, groups;
	int system[VMAX];	/* -1 absent or not a boolean, else 0/1 */
	long long web_users, web_groups, web_price_lists;
	int portal[VMAX];
	/* usage */
	long long orders_created[VMAX], orders_printed[VMAX];
	long long jobs_printed[VMAX], pages[2], sigs_used[VMAX];
	long long web_orders, items[VMAX];
	/* health */
	long long failed[VMAX];
	int64_t *dur;		/* durations of the period's printed jobs */
	size_t ndur, capdur;
	long long job_folders, job_bytes;
};
extern struct oracle orc;
void orc_duration(int64_t ms);

/* mkflux-pii.c: personal data, from bounded pools so planted.txt stays
 * bounded however large the scale */
struct person {
	const char *first, *last;	/* native script */
	char full[96];		/* "Jürgen Müller", "王芳" */
	char login[48];		/* ASCII */
	char email[96];
	char phone[48];
	char street[96];	/* "Hauptstraße 12" */
	char zip[24];
	const char *city;
	const char *country;	/* ISO 3166 code, not personal */
	char cityline[96];	/* "10115 Berlin" */
	char iban[48];
	char custno[16];	/* "K-48213" */
	char password[40];
	char hash[100];
	char ip[48];
	char mac[24];
};
#define NPERSONS 400
void pii_init(uint64_t seed);
const struct person *person(struct rng *r);
const struct person *person_at(size_t i);
/* records a personal string as planted (deduplicated, written at the end) */
void plant(const char *s);
/* the atoms of p that a field uses (full name, email...) are planted by
 * the caller; these plant them and return them */
const char *P(const char *s);
void pii_free_text(struct rng *r, char *out, size_t n, const struct person *p);
void pii_job_name(struct rng *r, char *out, size_t n, const struct person *p);
void pii_iban(struct rng *r, char *out, size_t n, const char *cc);
void pii_serial(struct rng *r, char *out, size_t n);
void pii_hash(struct rng *r, char *out, size_t n);
void pii_ipv4(struct rng *r, char *out, size_t n);
const char *pii_company(struct rng *r);
int write_planted(const char *path);

/* mkflux-mongo.c: the mongodump folder */
void gen_mongo(void);
struct printer {
	char name[128];
	const char *model;
	char ip[48];
	char serial[32];
	char location[320];
};
size_t nprinters(void);
/* the k-th configured printer; the same for MongoDB and Monitoring */
void printer_at(size_t k, struct printer *p);

/* mkflux-stores.c: install.json, Monitoring.db, FluxWeb.db, web/, jobs/,
 * and the stores no metric reads: assets/, backups/, exports/jobs/ (the
 * exports are written by gen_jobs) */
void gen_install(void);
void gen_monitoring(void);
void gen_web(void);
void gen_jobs(void);
void gen_assets(void);
/* printers and paper names shared by Monitoring and MongoDB */
extern const char *const paper_custom_names[];
extern const size_t npaper_custom_names;
extern const char *const printer_unknown_models[];
extern const size_t nprinter_unknown_models;
extern const char *const job_type_unknown[];
extern const size_t njob_type_unknown;
extern const char *const paper_type_names[];
extern const size_t npaper_type_names;
/* a job type, signature, paper format: mostly known, some outside */
const char *any_job_type(struct rng *r);
const char *any_signature(struct rng *r);
const char *any_paper_format(struct rng *r);

#endif
