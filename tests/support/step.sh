# Sourced by the test scripts under tests/*/run.sh: `step LABEL COMMAND...`
# runs the command between two lines that name it, the second with its
# outcome and how long it took; the command's exit status is step's.
step() {
    local label=$1 started=$SECONDS
    shift
    echo "== $label"
    if "$@"; then
        echo "== $label: ok ($((SECONDS - started)) s)"
    else
        local status=$?
        echo "== $label: FAILED, exit $status ($((SECONDS - started)) s)"
        return "$status"
    fi
}
