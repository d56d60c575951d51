/*
 * Notifications (issue 4 item 11; DESIGN, the item workflow): whoever
 * must act next on an item is told, in the newsroom (a row of
 * 0009-notification.sql, listed at /quan-tri/thong-bao and counted in
 * the navigation) and, when [mail] is configured, by e-mail; the author
 * is told when an item is approved, returned, published or taken down.
 *
 * Everything is written inside the caller's transaction (workflow_do
 * calls notify_transition inside its store_tx), so a step that rolls
 * back tells nobody.  The caller calls mail_wake after its commit.
 * Recipients are computed at the transition from the accounts and roles
 * as they are then: only active accounts, never the actor, each account
 * once per step.
 */
#ifndef TTDT_NOTIFY_H
#define TTDT_NOTIFY_H

#include <stdint.h>
#include <time.h>

#include "arena.h"
#include "mail.h"
#include "store.h"
#include "workflow.h"

/* The kind of a notification about a contribution from the public form
 * (the other kinds are the transitions' codes, wf_action_code). */
#define NOTIFY_KIND_CONTRIBUTION "contribution"
/* The newsroom's page of an item, below [site] base_url; the id
 * follows. */
#define NOTIFY_ITEM_PATH "/quan-tri/tin-bai/"

/*
 * Tells who must hear of transition act of item it (its flow f, as the
 * transition left them: f->assigned_user_id is the assignee after an
 * assign) that moved it to state to, done by account actor_id (0: the
 * scheduler) with reason note (may be NULL or ""), at now:
 *
 *   submit      to district-review: the district heads of f->unit_id;
 *               to submitted: the Secretariat
 *   preapprove  the Secretariat
 *   accept      the Head and the Deputy (to assign) and the Board
 *               members (any of them may take it)
 *   assign      the assignee
 *   send        the Head and the Deputy
 *   approve     the Office (to publish) and the author
 *   return      the author, with the reason
 *   publish     the author (also when the scheduler publishes)
 *   unpublish   the author, with the reason
 *
 * and nobody for the other actions (take, schedule, unschedule,
 * archive, correct, discard).  Run it inside the transition's store_tx;
 * strings go in a.  Returns the store's errors (a mail address the
 * outbox refuses is logged and skipped: the newsroom row still tells).
 */
enum err notify_transition(struct store *s, struct arena *a,
                           const struct item *it, const struct item_flow *f,
                           enum wf_action act, enum item_state to,
                           int64_t actor_id, const char *note, time_t now);

/*
 * Tells every active account holding a role of roles (a ROLE_BIT mask),
 * but actor_id (0: none), about item_id: a notification of kind with
 * text, and the "waiting for you" mail of step (mail_text_waiting).
 * Inside the caller's store_tx, like notify_transition.  ERR_NOTFOUND
 * for an unknown item; the store's errors.
 */
enum err notify_roles(struct store *s, struct arena *a, int64_t item_id,
                      unsigned roles, int64_t actor_id, const char *kind,
                      const char *text, enum mail_step step, time_t now);

/* A contribution from the public form (Điều 9.1.c) waits in the
 * Secretariat's triage queue: notify_roles for the Secretariat, of kind
 * NOTIFY_KIND_CONTRIBUTION, run inside the transaction that stores it. */
enum err notify_contribution(struct store *s, struct arena *a, int64_t item_id,
                             time_t now);

/* Marks user_id's unread notifications about item_id read at now: the
 * item's page calls it when the account opens the item.  The store's
 * errors. */
enum err notify_mark_item_read(struct store *s, int64_t user_id,
                               int64_t item_id, time_t now);

#endif
