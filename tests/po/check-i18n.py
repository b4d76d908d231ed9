#!/usr/bin/env python3
# check-i18n.py SOURCE_ROOT: fails when a string a person reads is not
# marked for translation, or a file with marked strings is missing from
# po/POTFILES.in (or POTFILES.in is unsorted or names a missing file).
#
# In a git checkout only the files git knows are checked, so a file
# someone is still writing (untracked) does not fail everyone's tests;
# elsewhere (a tarball) every file is.
#
# The checks are heuristics, kept precise rather than exhaustive:
# - .ui: a label, title, tooltip, placeholder, subtitle or description
#   property (or a menu item's label attribute) holding letters, without
#   translatable="yes" (translatable="no" says it is meant so);
# - .c: a string literal with letters passed to the GTK, libadwaita and
#   Mreža calls that put text on screen, or as the message of a GError,
#   without _(); and a _() whose string is glued to a macro such as
#   G_GINT64_FORMAT, which xgettext cannot extract (reported, not failed:
#   see the note printed).
# A call meant for programmers only is exempt with a comment saying
# "not translated" on one of the two lines above it.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '.')
errors = []
notes = []

MARK = re.compile(r'(?<![\w])(?:_|N_|C_|NC_|Q_|ngettext|dngettext|g_dngettext|'
                  r'g_dpgettext2)\s*\(')
UI_PROPS = ('label', 'title', 'tooltip-text', 'placeholder-text', 'subtitle',
            'description', 'text', 'secondary-text', 'tooltip-markup')
UI_PROP = re.compile(r'<(property|attribute)\s+name="(' + '|'.join(UI_PROPS) +
                     r')"([^>]*)>([^<]*)</\1>')
# The calls that put a string on screen, and which argument is the text.
TEXT_CALLS = {
    'gtk_label_new': [0], 'gtk_label_set_text': [1], 'gtk_label_set_label': [1],
    'gtk_label_set_markup': [1], 'gtk_button_new_with_label': [0],
    'gtk_button_new_with_mnemonic': [0], 'gtk_button_set_label': [1],
    'gtk_window_set_title': [1], 'gtk_widget_set_tooltip_text': [1],
    'gtk_entry_set_placeholder_text': [1], 'gtk_check_button_new_with_label': [0],
    'adw_window_title_set_title': [1], 'adw_window_title_set_subtitle': [1],
    'adw_status_page_set_title': [1], 'adw_status_page_set_description': [1],
    'adw_preferences_row_set_title': [1], 'adw_action_row_set_subtitle': [1],
    'adw_preferences_group_set_title': [1],
    'adw_preferences_group_set_description': [1], 'adw_toast_new': [0],
    'adw_message_dialog_new': [1, 2], 'adw_message_dialog_add_response': [2],
    'adw_message_dialog_set_heading': [1], 'adw_message_dialog_set_body': [1],
    'mreza_ui_heading_new': [0, 1, 2], 'mreza_ui_group_new': [0, 1],
    'mreza_ui_row_new': [0, 1], 'mreza_ui_row_add_value': [1],
    'mreza_ui_tag_new': [0], 'mreza_list_row_set_title': [1],
    'mreza_list_row_set_subtitle': [1], 'mreza_list_row_set_tag': [1],
}
# GError messages are read by people in the app and core.
ERROR_CALLS = {
    'g_set_error': [3], 'g_set_error_literal': [3], 'g_prefix_error': [1],
    'g_task_return_new_error': [3], 'g_error_new': [2],
    'g_error_new_literal': [2],
}
ERROR_DIRS = ('src/app/', 'src/core/')


def source_files():
    try:
        out = subprocess.run(['git', '-C', root, 'ls-files', '-z'],
                             capture_output=True, check=True).stdout
        files = [f for f in out.decode().split('\0') if f]
        if files:
            return sorted(f for f in files if os.path.exists(os.path.join(root, f)))
    except (OSError, subprocess.CalledProcessError):
        pass
    found = []
    for top in ('src', 'ui', 'data'):
        for dirpath, _, names in os.walk(os.path.join(root, top)):
            for name in names:
                found.append(os.path.relpath(os.path.join(dirpath, name), root))
    return sorted(found)


def strip_comments(text):
    """Blanks C comments, keeping strings and line numbers."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def call_args(text, start):
    """The top-level arguments of the call whose '(' is at start."""
    args, depth, cur, i = [], 0, [], start + 1
    while i < len(text):
        c = text[i]
        if c in '"\'':
            j = i + 1
            while j < len(text) and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            cur.append(text[i:j + 1])
            i = j + 1
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            if depth == 0:
                args.append(''.join(cur).strip())
                return args
            depth -= 1
        elif c == ',' and depth == 0:
            args.append(''.join(cur).strip())
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    return args


def bare_text(arg):
    """The literal if arg is a bare string literal with letters."""
    m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"(\s*"(?:[^"\\]|\\.)*")*', arg)
    if m and re.search(r'[A-Za-z]{2,}', arg):
        return arg
    return None


def check_c(path, text):
    code = strip_comments(text)
    calls = dict(TEXT_CALLS)
    if path.startswith(ERROR_DIRS):
        calls.update(ERROR_CALLS)
    for m in re.finditer(r'\b(' + '|'.join(calls) + r')\s*\(', code):
        args = call_args(code, m.end() - 1)
        line = code.count('\n', 0, m.start()) + 1
        # "/* … not translated … */" just above: meant for programmers.
        above = '\n'.join(text.split('\n')[max(0, line - 3):line])
        if re.search(r'not translated', above, re.IGNORECASE):
            continue
        for index in calls[m.group(1)]:
            if index < len(args) and bare_text(args[index]):
                errors.append(f'{path}:{line}: {m.group(1)}() shows '
                              f'{args[index][:60]} without _()')
    for m in re.finditer(r'(?<![\w])(?:_|N_)\s*\(', code):
        args = call_args(code, m.end() - 1)
        if args and re.search(r'"\s+[A-Z_][A-Z0-9_]*\s*(?:"|$)', args[0]):
            line = code.count('\n', 0, m.start()) + 1
            notes.append(f'{path}:{line}: the string in _() is glued to a '
                         'macro; xgettext cannot extract it (format the '
                         'number first, then use %s)')
    return MARK.search(code) is not None


def check_ui(path, text):
    for m in UI_PROP.finditer(text):
        attrs, value = m.group(3), m.group(4)
        if 'translatable="yes"' in attrs or 'translatable="no"' in attrs:
            continue
        if not re.search(r'[^\W\d_]', value):
            continue
        line = text.count('\n', 0, m.start()) + 1
        errors.append(f'{path}:{line}: {m.group(2)} “{value.strip()[:50]}” '
                      'is not marked translatable="yes"')
    return 'translatable="yes"' in text


def potfiles():
    path = os.path.join(root, 'po', 'POTFILES.in')
    listed = [l.strip() for l in open(path, encoding='utf-8')
              if l.strip() and not l.startswith('#')]
    if listed != sorted(listed):
        errors.append('po/POTFILES.in is not sorted')
    if len(set(listed)) != len(listed):
        errors.append('po/POTFILES.in lists a file twice')
    for f in listed:
        if not os.path.exists(os.path.join(root, f)):
            errors.append(f'po/POTFILES.in lists {f}, which does not exist')
    return set(listed)


def main():
    listed = potfiles()
    for path in source_files():
        full = os.path.join(root, path)
        if path.startswith(('tests/', 'po/', 'subprojects/')):
            continue
        if path.endswith('.c'):
            marked = check_c(path, open(full, encoding='utf-8').read())
        elif path.endswith('.ui'):
            marked = check_ui(path, open(full, encoding='utf-8').read())
        elif path.endswith(('.desktop.in', '.metainfo.xml.in')):
            marked = True
        elif path.endswith('.gschema.xml'):
            marked = 'gettext-domain' in open(full, encoding='utf-8').read()
        else:
            continue
        if marked and path not in listed:
            errors.append(f'{path} has translatable strings but is not in '
                          'po/POTFILES.in')
    for note in notes:
        print('note: ' + note)
    for error in errors:
        print('error: ' + error)
    print(f'{len(errors)} error(s), {len(notes)} note(s)')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
