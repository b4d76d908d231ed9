/* mreza-queries.h: the details a page shows, read off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "mreza-row.h"
#include "mreza-store.h"

G_BEGIN_DECLS

/* Money is in minor units (1/100) with its ISO 4217 code. */

typedef struct
{
  int    number;
  char  *title;
  char  *responsible;     /* names, joined with ", " */
  char  *partners;        /* named partners, joined with ", ", or NULL */
  gboolean other_partners; /* the plan adds "and partners", unnamed */
  char  *deadline;        /* as written in the plan */
  char  *deadline_to;     /* ISO date, the last day allowed */
  char  *status;          /* not_started, in_progress, done, dropped */
  char  *id;              /* the task's UUID, for editing its progress */
} MrezaTaskInfo;

typedef struct
{
  int    number;
  char  *text;
  char  *kind;            /* count, percentage, yes_no, text */
  char  *target;          /* as text, or NULL */
  char  *id;              /* the indicator's UUID, for its page */
} MrezaIndicatorInfo;

typedef struct
{
  int     year;           /* 0 when the line has no year */
  char   *currency;
  gint64  amount_minor;
} MrezaBudgetTotal;

typedef struct
{
  int     task_number;    /* 0 for the whole activity */
  char   *source;         /* budget, donor, taiex, project, no_cost, unknown */
  char   *source_text;
  char   *institution;
  int     year;
  char   *currency;       /* NULL without an amount */
  gint64  amount_minor;
  char   *id;             /* the line's UUID, for its form */
} MrezaBudgetLineInfo;

typedef struct
{
  char       *id;
  int         goal_number;
  char       *goal_title;
  int         number;
  char       *title;
  char       *deadline;
  GPtrArray  *tasks;          /* of MrezaTaskInfo */
  GPtrArray  *indicators;     /* of MrezaIndicatorInfo */
  GPtrArray  *budget_totals;  /* of MrezaBudgetTotal, by year, currency */
  GPtrArray  *budget_lines;   /* of MrezaBudgetLineInfo */
  GStrv       risks;
  GStrv       risk_ids;       /* the risks' UUIDs, in the same order */
} MrezaActivityDetail;

typedef struct
{
  char *sector;
  char *name;
  char *town;
} MrezaMemberInfo;

typedef struct
{
  char     *name;
  char     *role;
  char     *institution;
  char     *phone;
  char     *email;
  gboolean  secretary;
} MrezaContactInfo;

typedef struct
{
  char      *id;
  char      *name;
  char      *town;
  GPtrArray *members;    /* of MrezaMemberInfo, by sector then name */
  GPtrArray *contacts;   /* of MrezaContactInfo, secretary first */
} MrezaTeamDetail;

typedef struct
{
  char *name;
  char *role;            /* lead, partner, donor */
} MrezaPartnerInfo;

typedef struct
{
  char      *id;
  char      *title;
  char      *start_date;
  char      *end_date;
  char      *status;
  char      *currency;
  gint64     amount_minor;
  char      *beneficiaries;
  gint64     beneficiaries_count;   /* -1 when unknown */
  char      *summary;
  GPtrArray *partners;   /* of MrezaPartnerInfo */
} MrezaProjectDetail;

void                 mreza_activity_detail_free (MrezaActivityDetail *detail);
void                 mreza_team_detail_free     (MrezaTeamDetail     *detail);
void                 mreza_project_detail_free  (MrezaProjectDetail  *detail);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaActivityDetail, mreza_activity_detail_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaTeamDetail, mreza_team_detail_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaProjectDetail, mreza_project_detail_free)

MrezaActivityDetail *mreza_activity_detail_load (sqlite3             *db,
                                                 const char          *id,
                                                 GError             **error);
MrezaTeamDetail     *mreza_team_detail_load     (sqlite3             *db,
                                                 const char          *id,
                                                 GError             **error);
MrezaProjectDetail  *mreza_project_detail_load  (sqlite3             *db,
                                                 const char          *id,
                                                 GError             **error);

/* Runs one of the loaders above in a worker thread, on a connection of
 * its own; finish returns what the loader returned. */
typedef gpointer (*MrezaDetailLoader) (sqlite3     *db,
                                       const char  *id,
                                       GError     **error);

void                 mreza_detail_load_async    (MrezaStore          *store,
                                                 MrezaDetailLoader    loader,
                                                 GDestroyNotify       free_func,
                                                 const char          *id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gpointer             mreza_detail_load_finish   (MrezaStore          *store,
                                                 GAsyncResult        *result,
                                                 GError             **error);

GStrv                mreza_plan_path_lookup     (sqlite3             *db,
                                                 MrezaRowKind         kind,
                                                 const char          *id);
char                *mreza_format_money         (gint64               amount_minor,
                                                 const char          *currency);

G_END_DECLS
