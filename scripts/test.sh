#!/usr/bin/env bash
# The one test command (`npm test`): type check, build, unit tests, then the extension in a
# real VS Code (integration) and a person's flows in a real browser (e2e).
set -euo pipefail
cd "$(dirname "$0")/.."

npm run typecheck
npm run build
npm run test:unit
