/*
 * E-mail (issue 4 item 11): the outbox, and what the messages say.
 *
 * Nothing sends mail during a request.  mail_queue only inserts a row
 * into the outbox (0007-mail.sql), so it can run inside any transaction
 * (a workflow transition queues "an item waits for you" atomically with
 * the transition: if the transition rolls back, no mail goes).  A
 * background job calls mail_send_due every minute; it sends what is due
 * through the [mail] server of the configuration (src/lib/smtp.c) and
 * retries failures with exponential backoff, then gives up and keeps the
 * row as the record.
 *
 * Mail is off while [mail] host is empty: mail_queue then queues nothing
 * (returns ERR_OK, so callers need not ask first) and mail_send_due sends
 * nothing and leaves rows queued earlier untouched.  Not queueing while
 * off is deliberate: turning mail on later must not deliver weeks-old
 * "waiting for you" notices, nor reset links long expired.
 */
#ifndef TTDT_MAIL_H
#define TTDT_MAIL_H

#include <stdbool.h>
#include <time.h>

#include "arena.h"
#include "audit.h"
#include "store.h"

/* Attempts before a message is given up, and the backoff between them:
 * 1, 2, 4 ... minutes, at most MAIL_RETRY_MAX, so about six hours in
 * all (a reset link still works for most of its day after that). */
#define MAIL_MAX_ATTEMPTS 10
#define MAIL_RETRY_BASE 60
#define MAIL_RETRY_MAX (2 * 3600)
/* Messages one mail_send_due call tries at most (a minute's work). */
#define MAIL_BATCH 50
/* Longest subject and body accepted by mail_queue, in bytes. */
#define MAIL_SUBJECT_MAX 900
#define MAIL_BODY_MAX (64 * 1024)
/* The newsroom's password reset page, below [site] base_url; the token
 * follows (src/web/admin_reset.c serves it). */
#define MAIL_RESET_PATH "/quan-tri/dat-lai-mat-khau/"

/* True if [mail] host is set. */
bool mail_enabled(void);

/*
 * Queues a message to address to, due at once (now).  Only inserts, so
 * it may run inside the caller's store_tx.  Does nothing and returns
 * ERR_OK while mail is off.  ERR_INVALID (nothing queued) if to is not
 * an acceptable address, subject is empty, longer than MAIL_SUBJECT_MAX
 * or holds a control character (CR, LF: header injection), or body is
 * not valid UTF-8 or longer than MAIL_BODY_MAX; else the store's errors.
 */
enum err mail_queue(struct store *s, const char *to, const char *subject,
                    const char *body, time_t now);

/*
 * Sends up to MAIL_BATCH queued messages due at now, each claimed first
 * so that two senders never send one message; *sent (may be NULL) gets
 * how many went out.  A message refused for good (5xx) or failing its
 * MAIL_MAX_ATTEMPTS-th attempt is given up; others are tried again
 * after the backoff.  When the server cannot be reached the rest of the
 * batch waits for the next call without losing an attempt.  Each failure
 * is logged and recorded in its row (last_error).  Returns ERR_OK if
 * every message tried went out (or mail is off, or nothing was due),
 * else the error of the last failure (ERR_IO, ERR_DENIED, ERR_INVALID);
 * the store's errors as they come.  Blocks for up to [mail] timeout per
 * message: call it from a background thread, never from a request.
 */
enum err mail_send_due(struct store *s, time_t now, unsigned *sent);

/*
 * The sender to wake when something was queued for now (the server's
 * background thread registers itself; NULL: nobody, and the next
 * minute's run sends it).  Callers call mail_wake after the transaction
 * that queued the mail has committed, so the sender finds the row;
 * mail_password_reset does so itself.
 */
void mail_set_wake(void (*wake)(void));
void mail_wake(void);

/* ---- What the messages say (mail_text.c) ---------------------------- */

/* A message's text, in the caller's arena, ready for mail_queue. */
struct mail_text {
	const char *subject;
	const char *body;
};

/* The workflow steps that wait for someone (DESIGN, the item workflow). */
enum mail_step {
	MAIL_STEP_PREAPPROVE, /* district head: district_review */
	MAIL_STEP_TRIAGE,     /* Secretariat: submitted */
	MAIL_STEP_EDIT,       /* Board member: in_editing (assigned or not) */
	MAIL_STEP_APPROVE,    /* Head or Deputy: pending_approval */
	MAIL_STEP_PUBLISH,    /* Office: approved */
	MAIL_STEP__MAX
};

/* "An item waits for your action": to name (the recipient's full name),
 * about item title, to be acted on at url (the newsroom's page of the
 * item). */
void mail_text_waiting(struct arena *a, enum mail_step step, const char *name,
                       const char *title, const char *url,
                       struct mail_text *out);
/* "Your item was returned", with the reviewer's reason (may span
 * lines) and the newsroom's url of the item. */
void mail_text_returned(struct arena *a, const char *name, const char *title,
                        const char *reason, const char *url,
                        struct mail_text *out);
/* "Your item was published" at published_at, at public address url. */
void mail_text_published(struct arena *a, const char *name, const char *title,
                         const char *url, time_t published_at,
                         struct mail_text *out);
/* "Your item was approved": to name, item title, newsroom url. */
void mail_text_approved(struct arena *a, const char *name, const char *title,
                        const char *url, struct mail_text *out);
/* "Your item was taken down", with the reason and the newsroom url. */
void mail_text_unpublished(struct arena *a, const char *name, const char *title,
                           const char *reason, const char *url,
                           struct mail_text *out);
/* The forgotten-password message for account email (holder name): the
 * link and when it stops working. */
void mail_text_reset(struct arena *a, const char *name, const char *email,
                     const char *link, time_t expires_at,
                     struct mail_text *out);

/*
 * Forgotten password: makes a one-time reset link for the active account
 * with this e-mail (reset_link_create, audited as actor's
 * "user.reset-link") and queues mail_text_reset to it, in one
 * transaction.  ERR_DENIED if mail is off; ERR_NOTFOUND if no active
 * account has that address (nothing done, nothing audited).  The page
 * that calls it must answer the same way for ERR_OK and ERR_NOTFOUND,
 * so it does not tell who has an account.
 */
enum err mail_password_reset(struct store *s, const struct audit_actor *actor,
                             const char *email, time_t now);

#endif
