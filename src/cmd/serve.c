/*
 * ttdt serve: opens the database, loads the section tree and templates,
 * starts the HTTP server and waits for SIGTERM or SIGINT, then stops
 * taking connections, finishes the requests in flight, flushes the view
 * counts and closes the database.
 *
 * It also runs the daily job (src/domain/maintenance.c) once at start,
 * before listening, if no node has run it today, then starts the
 * background thread (background.c: mail, the daily job's hourly check).
 */
#include "common.h"

#include <getopt.h>
#include <malloc.h>
#include <signal.h>

#include "background.h"
#include "catalog.h"
#include "cmd.h"
#include "config.h"
#include "http.h"
#include "log.h"
#include "store.h"
#include "views.h"
#include "web.h"

/* Blocks this large or larger are mapped on their own (see below). */
#define SERVE_MMAP_THRESHOLD (256 * 1024)

static const char serve_usage[] =
        "usage: ttdt serve [--config FILE] [--listen ADDR:PORT] [--db PATH]\n";

int
cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
	        {"config", required_argument, NULL, 'c'},
	        {"listen", required_argument, NULL, 'l'},
	        {"db", required_argument, NULL, 'd'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	const char *config_path = NULL, *listen = NULL, *db = NULL;
	struct http_config hc;
	struct http_server *srv = NULL;
	struct store *store = NULL;
	struct buf err = BUF_INIT;
	sigset_t sigs;
	int c, sig, status = 1;
	enum err e;

	while ((c = getopt_long(argc, argv, "c:l:d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			config_path = optarg;
			break;
		case 'l':
			listen = optarg;
			break;
		case 'd':
			db = optarg;
			break;
		case 'h':
			fputs(serve_usage, stdout);
			return 0;
		default:
			fputs(serve_usage, stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fputs(serve_usage, stderr);
		return 2;
	}
	if (cmd_load_config(config_path) != 0)
		return 1;
	if (listen)
		config_set(&config, "server", "listen", listen);
	if (db)
		config_set(&config, "paths", "db", db);

	/*
	 * Block the stop signals before any thread starts, so every thread
	 * inherits the mask and only sigwait below receives them.
	 */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	/*
	 * glibc raises its mmap threshold to the size of each large block
	 * freed, so after one upload the megabytes of a request body or a
	 * decoded photo come from the threads' heaps and stay there: the
	 * server rested at 104 MiB after four 12-megapixel uploads instead
	 * of 40 (bench/upload-rss).  A fixed threshold keeps large blocks
	 * mapped and returned when freed; nothing on the page path asks for
	 * that much at once.
	 */
	mallopt(M_MMAP_THRESHOLD, SERVE_MMAP_THRESHOLD);

	/* From here every failure jumps to out. */
	if ((e = store_open(config.db, false, &store)) != ERR_OK) {
		if (e == ERR_NOTFOUND)
			log_errx("database '%s' does not exist; create it with "
			         "'ttdt init --db %s'",
			         config.db, config.db);
		else
			log_errx("cannot open database '%s': %s", config.db,
			         err_str(e));
		goto out;
	}
	if ((e = catalog_reload(store)) != ERR_OK) {
		log_errx("cannot load the section tree: %s", err_str(e));
		goto out;
	}
	if (web_init(store, &err) != 0) {
		log_errx("cannot start the web layer:\n%s", err.p);
		goto out;
	}
	/* Today's run first, so a node that was down over midnight catches
	 * up before it serves; later days from the thread. */
	background_daily(store);
	background_start(store);
	views_start(store, config.views_flush_interval);
	http_set_view_counter(views_count);

	/* The routes that take files get [server] upload_max, for signed-in
	 * people only; the public contribution form contribute_max, in a
	 * pool of its own so that strangers cannot hold the newsroom's. */
	const struct http_body_limit limits[] = {
	        {"/gui-tin-bai", config.contribute_max, 0, NULL},
	        {"/quan-tri/thu-vien/tai-len", config.upload_max, 1,
	         web_upload_admit},
	        {"/quan-tri/thu-vien/:id", config.upload_max, 1,
	         web_upload_admit},
	        {"/quan-tri/tin-bai/:id/tep", config.upload_max, 1,
	         web_upload_admit},
	};
	hc = (struct http_config){
	        .listen = config.listen,
	        .threads = config.threads,
	        .max_header = config.max_header,
	        .max_body = config.max_body,
	        .body_limits = limits,
	        .nbody_limits = ARRAY_SIZE(limits),
	        .idle_timeout = config.idle_timeout,
	        .max_conn_per_ip = config.max_conn_per_ip,
	        .static_dir = config.static_dir,
	        .media_dir = config.media_dir,
	        .access_log = config.access_log,
	        .trusted_proxies = config.trusted_proxies,
	        .page_cache = config.page_cache,
	        .page_cache_max = config.page_cache_max,
	        .rate_limit = config.rate_limit,
	        .rate_burst = config.rate_burst,
	};
	{
		const struct route *const tables[] = {web_public_routes,
		                                      web_admin_routes};
		const size_t sizes[] = {web_public_routes_n,
		                        web_admin_routes_n};

		srv = http_start(&hc, tables, sizes, ARRAY_SIZE(tables));
	}
	if (!srv)
		goto out;
	log_info("serving on %s (database '%s', page cache %s)", config.listen,
	         config.db, config.page_cache ? "on" : "off");

	if (sigwait(&sigs, &sig) != 0)
		log_errx("sigwait failed");
	log_info("received %s, finishing requests in flight",
	         sig == SIGTERM ? "SIGTERM" : "SIGINT");
	http_stop(srv);
	srv = NULL;
	status = 0;
out:
	if (srv)
		http_stop(srv);
	background_stop();
	views_stop();
	web_shutdown();
	catalog_shutdown();
	store_close(store);
	buf_release(&err);
	config_release(&config);
	if (status == 0)
		log_info("stopped");
	return status;
}
