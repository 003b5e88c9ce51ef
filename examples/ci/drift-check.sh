#!/bin/sh
# Drift check for CI: refreshes the state of a tfsim (or Terraform) working directory and fails when the real
# objects no longer match it. Uses `plan -refresh-only -detailed-exitcode`, whose exit code in tfsim is 2
# exactly when drift was found (Terraform's can be 2 without drift: hashicorp/terraform#35117).
#
#   examples/ci/drift-check.sh [DIR]        exit 0: no drift; 1: error; 2: drift (report printed)
#
# TFSIM overrides the command (default: npx tfsim). In GitHub Actions the report also goes to the job summary.
set -u
dir="${1:-.}"
tfsim="${TFSIM:-npx tfsim}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT

if ! $tfsim -chdir="$dir" init -input=false -no-color >"$report" 2>&1; then
  cat "$report"
  echo "drift-check: init failed in $dir" >&2
  exit 1
fi

$tfsim -chdir="$dir" plan -refresh-only -detailed-exitcode -input=false -lock=false -no-color >"$report" 2>&1
code=$?
case "$code" in
  0)
    echo "drift-check: no drift in $dir: the real objects match the state."
    exit 0
    ;;
  2)
    echo "drift-check: DRIFT in $dir: objects were changed outside tfsim."
    echo
    # The report: from the note to the end of the refresh-only paragraph, without the refresh progress lines.
    sed -n '/^Note: Objects have changed outside of/,/^objects\.$/p' "$report"
    changed=$(grep -c '^  # .* has \(changed\|been deleted\)$' "$report")
    echo
    echo "drift-check: $changed object(s) drifted. Either undo the change (tfsim apply) or accept it"
    echo "into the state (tfsim apply -refresh-only)."
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
      {
        echo "### Drift in \`$dir\`"
        echo '```'
        sed -n '/^Note: Objects have changed outside of/,/^objects\.$/p' "$report"
        echo '```'
      } >>"$GITHUB_STEP_SUMMARY"
    fi
    exit 2
    ;;
  *)
    cat "$report"
    echo "drift-check: the refresh failed in $dir (exit $code)" >&2
    exit 1
    ;;
esac
