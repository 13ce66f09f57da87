// Every recorded server answer in test/fixtures/conformance/streams, replayed through a real HTTP
// server on loopback: whole, one byte per write, and cut at odd offsets. Each case's sidecar
// states the outcome a correct client reaches; this asserts it. New recordings are picked up
// by listing the folder.

import { describeReplayedCases } from '../../support/replayedCases';
import { loadConformanceCases } from '../../support/replayServer';

describeReplayedCases('conformance: recorded server answers', loadConformanceCases(), 20);
