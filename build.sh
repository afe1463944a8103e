#!/usr/bin/env bash
# Bootstraps and runs the LlmOps build (NUKE's conventions): uses an installed .NET SDK that satisfies
# global.json, or installs one into .nuke/temp; builds build/_build.csproj only when its sources changed,
# then starts the compiled program directly, so a warm start costs no `dotnet run` build check.
set -eo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD_PROJECT_FILE="$SCRIPT_DIR/build/_build.csproj"
BUILD_DLL="$SCRIPT_DIR/build/bin/_build.dll"
TEMP_DIRECTORY="$SCRIPT_DIR/.nuke/temp"
STAMP_FILE="$TEMP_DIRECTORY/build.stamp"
DOTNET_GLOBAL_FILE="$SCRIPT_DIR/global.json"
DOTNET_INSTALL_URL="https://dot.net/v1/dotnet-install.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export LLMOPS_ROOT="$SCRIPT_DIR"

# Fast path: a build exists and no source under build/, pipelines/ or src/ is newer than it.
if [[ -f "$BUILD_DLL" && -f "$STAMP_FILE" && -z "${LLMOPS_FORCE_BUILD:-}" ]] && command -v dotnet >/dev/null 2>&1; then
    changed=$(find "$SCRIPT_DIR/build" "$SCRIPT_DIR/pipelines" "$SCRIPT_DIR/src" "$SCRIPT_DIR/Directory.Build.props" "$DOTNET_GLOBAL_FILE" \
        \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name 'global.json' \) \
        -newer "$STAMP_FILE" -print -quit 2>/dev/null)
    if [[ -z "$changed" ]]; then
        exec dotnet "$BUILD_DLL" "$@"
    fi
fi

# Find an SDK matching global.json (same major.minor feature band or later, as rollForward latestFeature allows).
required=$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$DOTNET_GLOBAL_FILE" | head -n1)
sdk_ok() {
    command -v "$1" >/dev/null 2>&1 || return 1
    local major_minor=${required%.*}
    "$1" --list-sdks 2>/dev/null | awk '{print $1}' | while read -r v; do
        if [[ "${v%.*}" == "$major_minor" ]] && [[ "$(printf '%s\n%s\n' "$required" "$v" | sort -V | head -n1)" == "$required" ]]; then echo ok; fi
    done | grep -q ok
}
if sdk_ok dotnet; then
    DOTNET_EXE=$(command -v dotnet)
else
    DOTNET_DIRECTORY="$TEMP_DIRECTORY/dotnet-unix"
    DOTNET_EXE="$DOTNET_DIRECTORY/dotnet"
    if ! sdk_ok "$DOTNET_EXE"; then
        echo "Installing .NET SDK $required into $DOTNET_DIRECTORY (no matching SDK found on PATH)..." >&2
        mkdir -p "$TEMP_DIRECTORY"
        curl -sSfL "$DOTNET_INSTALL_URL" -o "$TEMP_DIRECTORY/dotnet-install.sh"
        chmod +x "$TEMP_DIRECTORY/dotnet-install.sh"
        "$TEMP_DIRECTORY/dotnet-install.sh" --install-dir "$DOTNET_DIRECTORY" --version "$required" --no-path
    fi
    export DOTNET_ROOT="$DOTNET_DIRECTORY"
    export PATH="$DOTNET_DIRECTORY:$PATH"
fi

mkdir -p "$TEMP_DIRECTORY"
touch "$STAMP_FILE.new"
: >"$TEMP_DIRECTORY/build.log"

# Runs one step of the compile with its output in build.log, printing a line when it starts, one every 15 s while it
# runs (a first build on a slow machine takes minutes, and silence looks like a hang), and its time when it ends.
step() {
    local name=$1 started=$SECONDS ticker
    shift
    echo "  $name..." >&2
    ( while sleep 15; do echo "  $name... $((SECONDS - started)) s" >&2; done ) &
    ticker=$!
    if "$@" >>"$TEMP_DIRECTORY/build.log" 2>&1; then
        kill "$ticker" 2>/dev/null; wait "$ticker" 2>/dev/null || true
        echo "  $name: done in $((SECONDS - started)) s" >&2
    else
        kill "$ticker" 2>/dev/null; wait "$ticker" 2>/dev/null || true
        cat "$TEMP_DIRECTORY/build.log" >&2
        echo "  $name failed after $((SECONDS - started)) s (log: $TEMP_DIRECTORY/build.log)" >&2
        exit 1
    fi
}

compile_started=$SECONDS
echo "Compiling the build project (sources under build/, pipelines/ or src/ changed)..." >&2
step "restoring packages" "$DOTNET_EXE" restore "$BUILD_PROJECT_FILE" -nologo --verbosity quiet
step "building" "$DOTNET_EXE" build "$BUILD_PROJECT_FILE" --no-restore -nologo -clp:NoSummary --verbosity quiet
echo "Compiled in $((SECONDS - compile_started)) s; later starts skip this until a source changes." >&2
mv "$STAMP_FILE.new" "$STAMP_FILE"
exec "$DOTNET_EXE" "$BUILD_DLL" "$@"
