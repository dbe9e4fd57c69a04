# Sourced by scripts/start and scripts/test: the project's own virtual environment, .venv, made
# with the machine's python3 (never a `python` on PATH, never the system pip, which Debian refuses
# as "externally managed"). `use_requirements NAME FILE...` installs FILE... into it only when
# they changed since the last install under NAME, so a second start costs no pip run.
VENV="$PWD/.venv"

need_python() {
    local found
    found=$(command -v python3 || true)
    if [ -z "$found" ]; then
        echo "python3 was not found: install Python 3.11 or newer (Debian: apt-get install python3)" >&2
        exit 1
    fi
    if ! "$found" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        echo "$("$found" --version 2>&1) is too old: Make Your Case needs Python 3.11 or newer" >&2
        exit 1
    fi
    PYTHON3="$found"
}

make_venv() {
    # A venv left by a Python that is gone (or a half-made one) is made again.
    if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import pip' 2>/dev/null; then
        return
    fi
    need_python
    rm -rf "$VENV"
    if ! "$PYTHON3" -m venv "$VENV" 2>/dev/null; then
        # Debian keeps venv's pip (ensurepip) in a package of its own.
        rm -rf "$VENV"
        echo "python3 cannot make a virtual environment; installing Debian's python3-venv" >&2
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
        "$PYTHON3" -m venv "$VENV"
    fi
    # Python 3.11 puts setuptools in every venv; nothing here builds from source.
    "$VENV/bin/python" -m pip uninstall -q -y setuptools >/dev/null 2>&1 || true
}

use_requirements() {
    local name="$1"
    shift
    make_venv
    local stamp="$VENV/.installed-$name" wanted
    wanted=$(cat "$@" | "$VENV/bin/python" -c \
        'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        local args=()
        for file in "$@"; do args+=(-r "$file"); done
        # --no-compile: Python compiles what the app imports when it first imports it; compiling
        # every module of every package up front (tests, unused backends) costs ~110 MB.
        # --no-cache-dir: pip would otherwise keep a second copy of every downloaded wheel in
        # ~/.cache/pip (as large as the downloads); a later install fetches only what changed.
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-compile \
            --no-cache-dir "${args[@]}"
        echo "$wanted" >"$stamp"
    fi
    export VIRTUAL_ENV="$VENV"
    export PATH="$VENV/bin:$PATH"
}
