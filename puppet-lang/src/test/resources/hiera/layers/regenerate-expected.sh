#!/bin/sh
# Regenerates expected.tsv from Debian's Ruby Puppet (puppet-agent 7.23): one `puppet lookup` per line of cases.txt.
# Output lines: key<TAB>options<TAB>OK<TAB>json  or  key<TAB>options<TAB>ERR<TAB>message  or  ...<TAB>NOTFOUND<TAB>
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=expected.tsv
: > "$out"
run_lookup() {
  # shellcheck disable=SC2086
  puppet lookup --codedir "$PWD/code" --confdir "$tmp/conf" --vardir "$tmp/var" --node web01.example.com \
    --facts facts.yaml --hiera_config "$PWD/global/hiera.yaml" "$@" </dev/null
}
grep -v '^#' cases.txt | while IFS="$(printf '\t')" read -r key opts; do
  # shellcheck disable=SC2086
  if run_lookup --render-as json $opts "$key" > "$tmp/out" 2> "$tmp/err" && [ -s "$tmp/out" ]; then
    printf '%s\t%s\tOK\t%s\n' "$key" "$opts" "$(tr -d '\n' < "$tmp/out")" >> "$out"
    continue
  fi
  msg=$(grep -h 'Error: Could not run' "$tmp/err" | sed -e 's/\x1b\[[0-9;]*m//g' -e 's/^Error: Could not run: //' | head -1)
  if [ -n "$msg" ]; then
    printf '%s\t%s\tERR\t%s\n' "$key" "$opts" "$msg" >> "$out"
    continue
  fi
  # `puppet lookup` prints nothing both for "not found" and for errors the lookup() function raises;
  # --explain ends with the error's message in the second case.
  # shellcheck disable=SC2086
  last=$(run_lookup --explain $opts "$key" 2>/dev/null | tail -1)
  case "$last" in
    " "*|"") printf '%s\t%s\tNOTFOUND\t\n' "$key" "$opts" >> "$out" ;;
    *) printf '%s\t%s\tERR\t%s\n' "$key" "$opts" "$last" >> "$out" ;;
  esac
done
