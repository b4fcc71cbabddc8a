/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VW_QUESTION_SINGLE,    /* one correct option */
  VW_QUESTION_MULTIPLE,  /* "choose two/three" */
  VW_QUESTION_FILL,      /* type a command, option or path */
} VwQuestionType;

typedef struct
{
  char *text;
  gboolean correct;
} VwOption;

/* One question of the bank, in one language; immutable once read. */
typedef struct
{
  char *id;
  char *objective;
  VwQuestionType type;
  char *section;       /* the English anchor of the notes section */
  char *text;
  GPtrArray *options;  /* VwOption * */
  GStrv answers;       /* fill: every accepted answer */
  char *explanation;
  int line;
} VwQuestion;

void     vw_question_free         (VwQuestion       *question);
guint    vw_question_n_correct    (const VwQuestion *question);
/* A choice answer: the options chosen, as bits (option i is bit i). */
gboolean vw_question_check_choice (const VwQuestion *question,
                                   guint64           chosen);
/* A fill answer, compared after trimming with the accepted ones. */
gboolean vw_question_check_text   (const VwQuestion *question,
                                   const char       *text);
/* The bits of the correct options. */
guint64  vw_question_correct_bits (const VwQuestion *question);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VwQuestion, vw_question_free)

G_END_DECLS
