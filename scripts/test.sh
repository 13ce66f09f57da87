#!/usr/bin/env bash
# The one test command (`npm test`): type check, lint (the layer rules), build, unit tests, then the extension in a
# real VS Code (integration) and a person's flows in a real browser (e2e).
set -euo pipefail
cd "$(dirname "$0")/.."

npm run typecheck
npm run lint
npm run build
npm run test:unit

# A real VS Code without downloads: code-server from the npm registry, cached outside the repo
# (about two minutes the first time on a machine, instant after). Also installs chromium.
echo "== installing code-server (cached) =="
bash scripts/installCodeServer.sh
echo "== integration tests in code-server =="
npm run test:integration
# The packaged .vsix installed into a fresh profile, driven through the workbench in headless
# chromium: screenshots of every flow (and of failures, with logs) go to test-results/e2e/.
echo "== end-to-end flows in code-server =="
npm run test:e2e
