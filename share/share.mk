### share/: vocabularies (the closed lists of METRICS.md label values)
vocabdir = $(pkgdatadir)/vocab
dist_vocab_DATA = \
	share/vocab/addons.txt \
	share/vocab/colors.txt \
	share/vocab/email_services.txt \
	share/vocab/error_codes.txt \
	share/vocab/job_types.txt \
	share/vocab/license_editions.txt \
	share/vocab/license_types.txt \
	share/vocab/paper_categories.txt \
	share/vocab/paper_formats.txt \
	share/vocab/portal_settings.txt \
	share/vocab/preflight_checks.txt \
	share/vocab/printer_models.txt \
	share/vocab/quantiles.txt \
	share/vocab/signature_pages.txt \
	share/vocab/signatures.txt \
	share/vocab/source_status.txt \
	share/vocab/sources.txt \
	share/vocab/stores.txt \
	share/vocab/system_settings.txt \
	share/vocab/triggers.txt
