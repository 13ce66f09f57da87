#!/usr/bin/env bash
# `npm start`: builds the extension and opens it in a real VS Code.
# - With desktop VS Code (`code` on PATH): a new window with the extension under development.
# - Without it: code-server (installed once into a cache, no download of VS Code) on
#   http://127.0.0.1:${PORT:-8080}, with the extension under development loaded; open the
#   printed URL in a browser. Ctrl+C stops it.
# Usage: npm start [-- FOLDER]   (FOLDER to open; default: this repository)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
FOLDER="$(cd "${1:-$REPO}" && pwd)"
PORT="${PORT:-8080}"

npm run build

if command -v code >/dev/null 2>&1 && [ -z "${COMPLETIONS_CHAT_USE_CODE_SERVER:-}" ]; then
  echo "Opening desktop VS Code with the extension under development…"
  exec code --new-window --extensionDevelopmentPath="$REPO" "$FOLDER"
fi

INSTALL_DIR="$(bash scripts/installCodeServer.sh | tail -n 1)"
# A profile that persists between starts (settings, the API token in SecretStorage), kept
# beside the code-server install and apart from any other VS Code.
PROFILE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/completions-chat/start-profile"
mkdir -p "$PROFILE_DIR/user-data/User" "$PROFILE_DIR/extensions"
# First start only (later the settings are the user's): no welcome walkthrough over the chat.
SETTINGS="$PROFILE_DIR/user-data/User/settings.json"
if [ ! -f "$SETTINGS" ]; then
  echo '{ "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off" }' > "$SETTINGS"
fi

if (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "ERROR: port $PORT on 127.0.0.1 is in use; pick another with PORT=8081 npm start" >&2
  exit 1
fi

node "$INSTALL_DIR/node_modules/code-server/out/node/entry.js" \
  --auth none \
  --bind-addr "127.0.0.1:$PORT" \
  --disable-telemetry \
  --disable-update-check \
  --disable-workspace-trust \
  --disable-getting-started-override \
  --config "$PROFILE_DIR/config.yaml" \
  --user-data-dir "$PROFILE_DIR/user-data" \
  --extensions-dir "$PROFILE_DIR/extensions" \
  "$FOLDER" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 300); do
  if node -e "fetch('http://127.0.0.1:$PORT/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
    break
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "ERROR: code-server exited during startup (see above)" >&2; exit 1; }
  sleep 0.2
done

# The web workbench takes the desktop launch arguments from `payload` (see DESIGN.md).
URL="$(PORT="$PORT" REPO="$REPO" FOLDER="$FOLDER" node -e '
  const { PORT, REPO, FOLDER } = process.env;
  const payload = [["extensionDevelopmentPath", `vscode-remote://127.0.0.1:${PORT}${REPO}`]];
  const query = new URLSearchParams({ folder: FOLDER, payload: JSON.stringify(payload) });
  console.log(`http://127.0.0.1:${PORT}/?${query}`);
')"

echo
echo "Completions Chat is loaded in VS Code (code-server). Open this URL in a browser:"
echo
echo "  $URL"
echo
echo "Press Ctrl+C to stop."

if [ -n "${DISPLAY:-}" ] && command -v chromium >/dev/null 2>&1; then
  sandbox=()
  if [ "$(id -u)" -eq 0 ]; then sandbox=(--no-sandbox); fi
  chromium "${sandbox[@]}" --no-first-run --app="$URL" >/dev/null 2>&1 &
fi

wait "$SERVER_PID"
