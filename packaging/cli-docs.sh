#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Generates the man page and the bash completion of `catdpo` from the program's own --help
# (CLI11's layout: "Section:" headers, two-space-indented entries, descriptions from a fixed
# column), so both always list exactly the commands and options the binary has.
#
# Usage: packaging/cli-docs.sh table   CATDPO             # the parsed help, one row per entry
#        packaging/cli-docs.sh man     CATDPO DATE OUT    # troff man page catdpo.1
#        packaging/cli-docs.sh bash    CATDPO OUT         # bash completion script
#
# A table row holds, separated by the ASCII unit separator (tabs in `table` mode): command
# ("" = global), section, names, argument, description.
set -euo pipefail

mode=${1:?mode: table, man or bash}
catdpo=${2:?path to the catdpo binary}
export LC_ALL=C

# parse_help COMMAND: reads one --help text on stdin, prints table rows. Rows of section
# "@about" hold the description lines, "@usage" the usage line, "@footer" the text after the
# last section. Option groups ("[Option Group: NAME]", entries indented by four) become
# sections of their own.
parse_help() {
  awk -v cmd="$1" '
    function flush() {
      if (name != "") print cmd "\037" section "\037" name "\037" arg "\037" desc
      name = ""; arg = ""; desc = ""
    }
    function add(text) { desc = (desc == "" ? text : desc " " text) }
    function entry(line,    head, split_at) {
      flush()
      if (match(line, /   */)) {      # the name column ends at the first run of 2+ spaces
        head = substr(line, 1, RSTART - 1); add(substr(line, RSTART + RLENGTH))
      } else {
        head = line
      }
      split_at = index(head, " ")
      if (split_at) { name = substr(head, 1, split_at - 1); arg = substr(head, split_at + 1) }
      else name = head
    }
    /^Usage: / { flush(); print cmd "\037@usage\037\037\037" substr($0, 8); in_body = 1; next }
    /^\[Option Group: .*\]$/ { flush(); section = substr($0, 16, length($0) - 16); group = 1; next }
    /^[^ ].*:$/ { flush(); section = substr($0, 1, length($0) - 1); group = 0; in_body = 1; next }
    group && /^    [^ ]/ { entry(substr($0, 5)); next }
    group && /^  [^ ]/ { flush(); next }   # the group description and its "Options:" heading
    /^  [^ ]/ && section != "" { entry(substr($0, 3)); next }
    /^   +[^ ]/ && name != "" { sub(/^ +/, ""); add($0); next }
    /^ *$/ { flush(); next }
    { flush(); group = 0; print cmd "\037" (in_body ? "@footer" : "@about") "\037\037\037" $0 }
    END { flush() }
  '
}

# All rows: the global help, then every subcommand's help in --help order.
table() {
  local top commands c
  top=$("$catdpo" --help)
  parse_help "" <<<"$top"
  commands=$(parse_help "" <<<"$top" | awk -F'\037' '$2 == "Subcommands" { print $3 }')
  [ -n "$commands" ] || { echo "cli-docs: no subcommands in '$catdpo --help'" >&2; exit 1; }
  for c in $commands; do
    "$catdpo" "$c" --help | parse_help "$c"
  done
}

# Escapes for troff: backslashes, and a dot or quote that would start a request line.
troff() {
  sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/" -e 's/\(^\|[ (]\)--\([a-z]\)/\1\\-\\-\2/g'
}
# Option names and placeholders: real minus signs, bold names, italic arguments.
troff_option() {
  local names=$1 arg=$2 out
  out="\\fB${names//-/\\-}\\fR"
  out=${out//,/\\fR, \\fB}
  if [ -n "$arg" ]; then out="$out \\fI${arg//-/\\-}\\fR"; fi
  printf '%s\n' "$out"
}

man_page() {
  local date=$1 rows version about
  rows=$(table)
  version=$("$catdpo" --version | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+/) { print $i; exit } }')
  about=$(awk -F'\037' '$1 == "" && $2 == "@about" { print $5; exit }' <<<"$rows")
  cat <<EOF
.\\" Generated from 'catdpo --help' by packaging/cli-docs.sh; edit the program, not this file.
.TH CATDPO 1 "$date" "Cat-DPO Studio $version" "User Commands"
.SH NAME
catdpo \\- $(printf '%s' "${about#*: }" | troff)
.SH SYNOPSIS
.B catdpo
[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]
.br
.B catdpo
\\fICOMMAND\\fR \\fB\\-\\-help\\fR
.SH DESCRIPTION
.B catdpo
is the command line of Cat-DPO Studio. It runs the same engine as the desktop application
.BR catdpo\\-studio (1)
without a display: it creates and inspects preference data sets, trains and evaluates
models, and lists, compares, exports and imports the runs kept in the workspace database.
Each command prints its results on standard output (JSON with
.BR \\-\\-json
where offered) and its progress and errors on standard error.
EOF
  awk -F'\037' '$1 == "" && $2 == "@footer" { print $5 }' <<<"$rows" | troff | sed 's/^/.PP\n/'
  echo '.SH GLOBAL OPTIONS'
  echo 'These come before the command name.'
  while IFS=$'\037' read -r cmd section names arg desc; do
    [ -z "$cmd" ] && [ "${section:0:1}" != "@" ] && [ "$section" != "Subcommands" ] || continue
    echo '.TP'
    troff_option "$names" "$arg"
    printf '%s\n' "$desc" | troff
  done <<<"$rows"
  echo '.SH COMMANDS'
  local current="" footer
  footer=$(awk -F'\037' '$1 == "" && $2 == "@footer" { print $5 }' <<<"$rows")
  while IFS=$'\037' read -r cmd section names arg desc; do
    [ -n "$cmd" ] || continue
    if [ "$cmd" != "$current" ]; then
      current=$cmd
      printf '.SS "catdpo %s"\n' "$cmd"
    fi
    case $section in
      @about) printf '%s\n' "$desc" | troff ;;
      @usage) printf '.PP\n.B %s\n' "$(printf '%s' "$desc" | sed 's/-/\\-/g')" ;;
      @footer) [ "$desc" = "$footer" ] || printf '.PP\n%s\n' "$(printf '%s' "$desc" | troff)" ;;
      *)
        [ "$names" != "-h,--help" ] || continue  # every command has it; said once in SYNOPSIS
        echo '.TP'
        troff_option "$names" "$arg"
        printf '%s\n' "$desc" | troff
        ;;
    esac
  done <<<"$rows"
  cat <<'EOF'
.SH ENVIRONMENT
.TP
.B CATDPO_DB
The workspace database used when \fB\-\-db\fR is not given.
.TP
.B CATDPO_HOME
The data directory (workspace database, downloaded and demo models, caches). Without it,
\fI$XDG_DATA_HOME/catdpo\-studio\fR, else \fI~/.local/share/catdpo\-studio\fR.
.SH FILES
.TP
.I ~/.local/share/catdpo\-studio/workspace.sqlite
The default workspace database: every run with its configuration, metrics and the version of
the program that made it.
.SH EXIT STATUS
0 on success, 1 when a command fails (the reason is printed on standard error), another
non-zero value when the command line cannot be parsed.
.SH SEE ALSO
.BR catdpo\-studio (1)
EOF
}

bash_completion() {
  local rows commands global
  rows=$(table)
  commands=$(awk -F'\037' '$1 == "" && $2 == "Subcommands" { printf "%s ", $3 }' <<<"$rows")
  # Option words of one command (or global): "-q,--quiet" becomes "-q --quiet".
  words() { awk -F'\037' -v c="$1" '$1 == c && $2 !~ /^@/ && $2 != "Subcommands" && $3 ~ /^-/ {
              n = split($3, w, ","); for (i = 1; i <= n; i++) printf "%s ", w[i] }' <<<"$rows"; }
  # Options that take a value, as "pattern<TAB>kind": kind is "none", "file", or the words to
  # offer (from a CLI11 choice list, or a description that is only a comma-separated list).
  valued() { awk -F'\037' -v c="$1" '$1 == c && $2 !~ /^@/ && $3 ~ /^-/ && $4 != "" && $4 !~ /^(REQUIRED|Excludes|Needs)/ {
               n = split($3, w, ","); pat = w[1]; for (i = 2; i <= n; i++) pat = pat "|" w[i]
               kind = "none"
               if (match($4, /:\{[^}]*\}/)) { kind = substr($4, RSTART + 2, RLENGTH - 3); gsub(/,/, " ", kind) }
               else if ($5 ~ /^[a-z0-9_]+(, [a-z0-9_]+)+$/) { kind = $5; gsub(/,/, "", kind) }
               else if ($4 ~ /^(TEXT|PATH|FILE|DIR)/ &&
                        ($3 ~ /(config|data|model|out|db|file|dir|path|input|output|tokenizer|fixtures)/ ||
                         tolower($5) ~ /(file|folder|directory|path|checkpoint)/)) kind = "file"
               print pat "\037" kind }' <<<"$rows"; }
  global=$(words "")
  cat <<EOF
# bash completion for catdpo (Cat-DPO Studio's command line).
# Generated from 'catdpo --help' by packaging/cli-docs.sh; edit the program, not this file.

_catdpo_value() {  # completes the value of option \$1 of command \$2; fails if \$1 takes none
  local cur=\$3
  case "\$2 \$1" in
EOF
  local c pat kind
  for c in "" $commands; do
    while IFS=$'\037' read -r pat kind; do
      [ -n "$pat" ] || continue
      local cases="" p
      for p in ${pat//|/ }; do cases="${cases:+$cases|}\"$c $p\""; done
      case $kind in
        file) printf '    %s) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;\n' "$cases" ;;
        none) printf '    %s) COMPREPLY=() ;;\n' "$cases" ;;
        *) printf '    %s) COMPREPLY=($(compgen -W "%s" -- "$cur")) ;;\n' "$cases" "$kind" ;;
      esac
    done < <(valued "$c")
  done
  cat <<EOF
    *) return 1 ;;
  esac
  return 0
}

_catdpo() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  local commands="${commands% }"
  local cmd="" i word
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    # skip the values of options that take one
    if [[ \$word == -* ]]; then
      _catdpo_value "\$word" "\$cmd" "" >/dev/null 2>&1 && ((i++))
      continue
    fi
    if [[ -z \$cmd && " \$commands " == *" \$word "* ]]; then cmd=\$word; fi
  done
  if [[ \$prev == -* ]] && _catdpo_value "\$prev" "\$cmd" "\$cur"; then return 0; fi
  if [[ \$cur == -* ]]; then
    case \$cmd in
      "") COMPREPLY=(\$(compgen -W "${global% }" -- "\$cur")) ;;
EOF
  for c in $commands; do
    printf '      %s) COMPREPLY=($(compgen -W "%s" -- "$cur")) ;;\n' "$c" "$(words "$c" | sed 's/ $//')"
  done
  cat <<'EOF'
    esac
  elif [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
    compopt -o filenames 2>/dev/null
  fi
  return 0
}
complete -F _catdpo catdpo
EOF
}

case $mode in
  table) table | tr '\037' '\t' ;;
  man)
    out=${4:?output file}
    man_page "${3:?date}" >"$out.tmp"
    mv "$out.tmp" "$out"
    ;;
  bash)
    out=${3:?output file}
    bash_completion >"$out.tmp"
    mv "$out.tmp" "$out"
    ;;
  *) echo "cli-docs: unknown mode '$mode'" >&2; exit 2 ;;
esac
