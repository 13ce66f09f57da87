// Every hostile or quirky server answer in test/fixtures/hostile/streams (a choice index of
// 2e6, an answer past the size cap, an error beside choices, llama.cpp's `error:` field line,
// a stream of keep-alives only, waits too long to sit through), replayed like the recorded
// conformance cases: whole, byte by byte and cut, each reaching the outcome its sidecar states.

import { describeReplayedCases } from '../../support/replayedCases';
import { HOSTILE_DIR, loadConformanceCases } from '../../support/replayServer';

describeReplayedCases('hostile server answers', loadConformanceCases(HOSTILE_DIR), 15);
