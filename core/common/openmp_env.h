// SPDX-License-Identifier: MIT
// How LibTorch's OpenMP threads wait between parallel regions. By default they spin, and on a
// machine with few cores the spinning threads take the cores from OpenBLAS's own threads,
// which do the matrix products: a training step on two cores ran at less than half speed.
// Passive waiting avoids that. The OpenMP runtime reads OMP_WAIT_POLICY once, as it loads,
// before main() runs, so setting it later has no effect: the program restarts itself instead.
#pragma once

namespace catdpo {

// Call first in main(). When OMP_WAIT_POLICY is unset, sets it to PASSIVE and re-executes this
// program with the same arguments (returns only when it is set already, or the restart is not
// possible, in which case the process simply goes on). A value the user set is kept.
void preferPassiveOpenMpWait(char** argv);

// The policy in effect for this process ("PASSIVE", "ACTIVE", or "" for the runtime's default).
const char* openMpWaitPolicy();

}  // namespace catdpo
