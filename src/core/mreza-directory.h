/* mreza-directory.h: a team's directory, read and edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "mreza-joint-actions.h"
#include "mreza-store.h"

G_BEGIN_DECLS

/* Institutions */

typedef enum
{
  MREZA_INSTITUTION_FIELD_NAME,
  MREZA_INSTITUTION_FIELD_SECTOR,
  MREZA_INSTITUTION_N_FIELDS,
} MrezaInstitutionField;

/* @id is NULL until the institution is saved the first time; the other
 * strings may be NULL (empty). */
typedef struct
{
  char *id;
  char *name;
  char *short_name;
  char *sector;        /* a sector code, mreza_institution_sectors() */
  char *town;
} MrezaInstitution;

const char * const *mreza_institution_sectors   (void);
MrezaInstitution   *mreza_institution_new       (void);
MrezaInstitution   *mreza_institution_copy      (const MrezaInstitution  *institution);
void                mreza_institution_free      (MrezaInstitution        *institution);
gboolean            mreza_institution_equal     (const MrezaInstitution  *a,
                                                 const MrezaInstitution  *b);
char               *mreza_institution_check     (const MrezaInstitution  *institution,
                                                 MrezaInstitutionField    field);
gboolean            mreza_institution_validate  (const MrezaInstitution  *institution,
                                                 GError                 **error);
MrezaInstitution   *mreza_institution_load      (sqlite3                 *db,
                                                 const char              *id,
                                                 GError                 **error);
gboolean            mreza_institution_save      (MrezaStore              *store,
                                                 MrezaInstitution        *institution,
                                                 const char              *team_id,
                                                 GError                 **error);
MrezaInstitution   *mreza_institution_delete    (MrezaStore              *store,
                                                 const char              *id,
                                                 GError                 **error);

/* Team membership */

char               *mreza_team_member_add       (MrezaStore              *store,
                                                 const char              *team_id,
                                                 const char              *institution_id,
                                                 GError                 **error);
gboolean            mreza_team_member_remove    (MrezaStore              *store,
                                                 const char              *team_id,
                                                 const char              *institution_id,
                                                 GError                 **error);

/* Contacts */

typedef enum
{
  MREZA_CONTACT_FIELD_NAME,
  MREZA_CONTACT_FIELD_ROLE,
  MREZA_CONTACT_FIELD_PHONE,
  MREZA_CONTACT_FIELD_EMAIL,
  MREZA_CONTACT_FIELD_TEAM,
  MREZA_CONTACT_N_FIELDS,
} MrezaContactField;

typedef struct
{
  char     *id;
  char     *team_id;
  char     *institution_id;   /* NULL: speaks for the team itself */
  char     *name;             /* a person's name or a role label */
  char     *role;             /* what they do in the team; required */
  char     *phone;
  char     *email;
  gboolean  secretary;
} MrezaContact;

MrezaContact       *mreza_contact_new           (void);
MrezaContact       *mreza_contact_copy          (const MrezaContact      *contact);
void                mreza_contact_free          (MrezaContact            *contact);
gboolean            mreza_contact_equal         (const MrezaContact      *a,
                                                 const MrezaContact      *b);
char               *mreza_contact_check         (const MrezaContact      *contact,
                                                 MrezaContactField        field);
gboolean            mreza_contact_validate      (const MrezaContact      *contact,
                                                 GError                 **error);
MrezaContact       *mreza_contact_load          (sqlite3                 *db,
                                                 const char              *id,
                                                 GError                 **error);
gboolean            mreza_contact_save          (MrezaStore              *store,
                                                 MrezaContact            *contact,
                                                 GError                 **error);
gboolean            mreza_contact_make_secretary (MrezaStore             *store,
                                                  const char             *id,
                                                  GError                **error);
MrezaContact       *mreza_contact_delete        (MrezaStore              *store,
                                                 const char              *id,
                                                 GError                 **error);
char               *mreza_contact_restore       (MrezaStore              *store,
                                                 const MrezaContact      *snapshot,
                                                 GError                 **error);

/* Projects */

typedef enum
{
  MREZA_PROJECT_FIELD_TITLE,
  MREZA_PROJECT_FIELD_STATUS,
  MREZA_PROJECT_FIELD_START_DATE,
  MREZA_PROJECT_FIELD_END_DATE,
  MREZA_PROJECT_FIELD_AMOUNT,
  MREZA_PROJECT_FIELD_CURRENCY,
  MREZA_PROJECT_FIELD_BENEFICIARIES_COUNT,
  MREZA_PROJECT_FIELD_PARTNERS,
  MREZA_PROJECT_N_FIELDS,
} MrezaProjectField;

typedef struct
{
  char *institution_id;
  char *role;                 /* lead, partner, donor */
} MrezaProjectPartner;

/* The amount and the count are kept as typed, so that a form can say
 * what is wrong with them; save converts them. */
typedef struct
{
  char      *id;
  char      *title;
  char      *status;          /* planned, ongoing, finished */
  char      *start_date;      /* ISO 8601 or NULL */
  char      *end_date;
  char      *amount;          /* "102000", "4500,50", or NULL */
  char      *currency;        /* RSD, EUR, USD; needed with an amount */
  char      *beneficiaries;
  char      *beneficiaries_count;
  char      *summary;
  GPtrArray *partners;        /* of MrezaProjectPartner, never NULL */
} MrezaProject;

const char * const *mreza_project_statuses      (void);
const char * const *mreza_project_currencies    (void);
const char * const *mreza_project_partner_roles (void);
gboolean            mreza_project_parse_amount  (const char              *text,
                                                 gint64                  *minor);
char               *mreza_project_format_amount (gint64                   minor);
MrezaProject       *mreza_project_new           (void);
MrezaProject       *mreza_project_copy          (const MrezaProject      *project);
void                mreza_project_free          (MrezaProject            *project);
gboolean            mreza_project_equal         (const MrezaProject      *a,
                                                 const MrezaProject      *b);
void                mreza_project_add_partner   (MrezaProject            *project,
                                                 const char              *institution_id,
                                                 const char              *role);
char               *mreza_project_check         (const MrezaProject      *project,
                                                 MrezaProjectField        field);
gboolean            mreza_project_validate      (const MrezaProject      *project,
                                                 GError                 **error);
MrezaProject       *mreza_project_load          (sqlite3                 *db,
                                                 const char              *id,
                                                 GError                 **error);
gboolean            mreza_project_save          (MrezaStore              *store,
                                                 MrezaProject            *project,
                                                 GError                 **error);
MrezaProject       *mreza_project_delete        (MrezaStore              *store,
                                                 const char              *id,
                                                 GError                 **error);
char               *mreza_project_restore       (MrezaStore              *store,
                                                 const MrezaProject      *snapshot,
                                                 GError                 **error);

/* A team's directory, as the Teams page shows and edits it */

typedef struct
{
  char *institution_id;
  char *name;
  char *short_name;
  char *sector;
  char *town;
} MrezaDirectoryMember;

typedef struct
{
  char         *id;
  char         *name;
  char         *town;
  GPtrArray    *members;       /* of MrezaDirectoryMember, by sector, name */
  GPtrArray    *contacts;      /* of MrezaContact, secretary first */
  GHashTable   *institutions;  /* institution id → name, of the contacts */
} MrezaTeamDirectory;

MrezaTeamDirectory *mreza_team_directory_load   (sqlite3                 *db,
                                                 const char              *team_id,
                                                 GError                 **error);
void                mreza_team_directory_free   (MrezaTeamDirectory      *directory);

GPtrArray          *mreza_directory_list_institutions (sqlite3           *db,
                                                       const char        *not_in_team_id,
                                                       GError           **error);
GPtrArray          *mreza_directory_list_team_institutions (sqlite3      *db,
                                                            const char   *team_id,
                                                            GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaInstitution, mreza_institution_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaContact, mreza_contact_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaProject, mreza_project_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MrezaTeamDirectory, mreza_team_directory_free)

G_END_DECLS
