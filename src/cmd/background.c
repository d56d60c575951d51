/*
 * The server's background work, on one thread that wakes every minute
 * (and at once when mail_wake says mail was queued for now): approved
 * a change of the section tree made by another node is picked up
 * (section_catalog_sync), items scheduled for this minute are published
 * (workflow_publish_due;
 * an item another node published first is skipped), queued mail goes
 * out (mail_send_due: nothing while mail is off), and
 * once an hour the daily job runs if no node has run it today
 * (maintenance_run_daily claims the day in the database, so with several
 * nodes on one database only one runs it).  A stop wakes the thread at
 * once; it then finishes only the step in progress.
 */
#include "common.h"

#include <pthread.h>

#include "background.h"
#include "log.h"
#include "mail.h"
#include "maintenance.h"
#include "section.h"
#include "workflow.h"

#define TICK_SECONDS 60
/* How often the thread asks whether today's daily run is due. */
#define DAILY_CHECK_SECONDS 3600

static struct {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct store *store;
	bool started;
	bool stop;
	bool kicked; /* mail was queued for now: send it without waiting */
} bg = {.lock = PTHREAD_MUTEX_INITIALIZER};

void
background_daily(struct store *s)
{
	struct audit_actor actor;
	bool ran = false;
	enum err e;

	maintenance_actor(&actor);
	e = maintenance_run_daily(s, &actor, time(NULL), &ran, NULL);
	if (e != ERR_OK)
		log_errx("daily job %s: %s", ran ? "failed" : "cannot start",
		         err_str(e));
}

/* One minute's work; failures are logged, and the next tick tries
 * again. */
static void
tick(struct store *s, time_t *last_daily)
{
	time_t now = time(NULL);
	size_t published = 0;
	unsigned sent = 0;
	enum err e;

	/* Sections changed by another node: seen within the minute (a
	 * per-request signal across nodes comes with PostgreSQL's
	 * LISTEN/NOTIFY). */
	section_catalog_sync(s, now);
	if ((e = workflow_publish_due(s, now, &published)) != ERR_OK)
		log_errx("scheduled publishing: %s", err_str(e));
	(void)mail_send_due(s, now, &sent);
	if (now - *last_daily >= DAILY_CHECK_SECONDS) {
		*last_daily = now;
		background_daily(s);
	}
}

static void *
background_main(void *arg)
{
	time_t last_daily = time(NULL);
	struct timespec until;

	(void)arg;
	pthread_mutex_lock(&bg.lock);
	while (!bg.stop) {
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += TICK_SECONDS;
		while (!bg.stop && !bg.kicked &&
		       pthread_cond_timedwait(&bg.wake, &bg.lock, &until) !=
		               ETIMEDOUT)
			;
		if (bg.stop)
			break;
		if (bg.kicked) {
			bg.kicked = false;
			pthread_mutex_unlock(&bg.lock);
			(void)mail_send_due(bg.store, time(NULL), NULL);
			pthread_mutex_lock(&bg.lock);
			continue;
		}
		pthread_mutex_unlock(&bg.lock);
		tick(bg.store, &last_daily);
		pthread_mutex_lock(&bg.lock);
	}
	pthread_mutex_unlock(&bg.lock);
	return NULL;
}

/* mail_wake's target: the thread sends queued mail now. */
static void
background_kick(void)
{
	pthread_mutex_lock(&bg.lock);
	bg.kicked = true;
	pthread_cond_signal(&bg.wake);
	pthread_mutex_unlock(&bg.lock);
}

void
background_start(struct store *s)
{
	pthread_condattr_t ca;

	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&bg.wake, &ca);
	pthread_condattr_destroy(&ca);
	bg.store = s;
	bg.stop = false;
	if (pthread_create(&bg.thread, NULL, background_main, NULL) != 0) {
		log_errx("cannot start the background thread: no mail is "
		         "sent; run 'ttdt maintenance' from cron");
		pthread_cond_destroy(&bg.wake);
		return;
	}
	bg.started = true;
	mail_set_wake(background_kick);
}

void
background_stop(void)
{
	if (!bg.started)
		return;
	mail_set_wake(NULL);
	pthread_mutex_lock(&bg.lock);
	bg.stop = true;
	pthread_cond_signal(&bg.wake);
	pthread_mutex_unlock(&bg.lock);
	pthread_join(bg.thread, NULL);
	pthread_cond_destroy(&bg.wake);
	bg.started = false;
}
