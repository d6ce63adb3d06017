/*
 * Two-phase commit in Promela: the peer model for Interleave's bench (bench/spin/run-spin.sh).
 *
 * It is a port of Lamport's TwoPhase.tla (tlaplus/Examples, specifications/transaction_commit),
 * the model that models/two-phase-commit.ts and models/two-phase-commit-packed.ts port too, and it
 * is written so that SPIN explores the same state graph as TLC and Interleave:
 *
 *   - one process, one `do` loop, and every option is one `d_step` holding one TLA+ action
 *     instance (an action with its RM bound). A `d_step` is a single transition, and after it
 *     the process is back at the loop head, so the program counter never tells two states apart
 *     and a stored state is exactly a TLA+ state;
 *   - the globals encode TwoPhase.tla's four variables one-to-one (below), so two different
 *     TLA+ states are never one SPIN state and one TLA+ state is never two.
 *
 * Then SPIN's "states, stored" is TLC's distinct states and its "transitions" (stored + matched)
 * is TLC's states generated: every successor of every state, self-loops included, plus the
 * initial state. SPIN's "depth reached" is the depth of its depth-first search, which is not
 * TLC's breadth-first diameter; the script reports it but nothing compares it.
 *
 * Encoding (RM i is bit i; N, the number of RMs, is given with -DN=..., 1..12):
 *   rmState[i]  working | prepared | committed | aborted
 *               -> bit i of at most one of the sets isPrepared, isCommitted, isAborted
 *                  (in none of them: working)
 *   tmState     init | committed | aborted -> tm
 *   tmPrepared  a subset of RM -> tmPrepared
 *   msgs        a subset of {Prepared(i)} + {Commit} + {Abort}, only ever growing
 *               -> sentPrepared (a subset of RM), sentCommit, sentAbort
 *
 * With rmState kept as three sets, TCConsistent (no RM committed while another aborted) needs
 * no loop over the RMs: it is "isCommitted or isAborted is empty", asserted after every step.
 * TypeOK holds by construction and is not checked.
 */

#ifndef N
#define N 3
#endif
#if N < 1 || N > 12
#error "N (the number of RMs) must be between 1 and 12"
#endif

#define ALL_RMS ((1 << N) - 1)
#define RM(i) (1 << (i))

#define TM_INIT 0
#define TM_COMMITTED 1
#define TM_ABORTED 2

unsigned isPrepared : N;     /* rmState[i] = "prepared"  */
unsigned isCommitted : N;    /* rmState[i] = "committed" */
unsigned isAborted : N;      /* rmState[i] = "aborted"   */
byte tm = TM_INIT;           /* tmState                  */
unsigned tmPrepared : N;     /* tmPrepared               */
unsigned sentPrepared : N;   /* [type |-> "Prepared", rm |-> i] \in msgs */
bit sentCommit;              /* [type |-> "Commit"] \in msgs */
bit sentAbort;               /* [type |-> "Abort"] \in msgs  */

#define WORKING(i) (((isPrepared | isCommitted | isAborted) & RM(i)) == 0)

/* rmState' = [rmState EXCEPT ![i] = ...]: clear RM i from the three sets, then add it to one */
#define BECOME_PREPARED(i) isCommitted = isCommitted & ~RM(i); isAborted = isAborted & ~RM(i); \
                           isPrepared = isPrepared | RM(i)
#define BECOME_COMMITTED(i) isPrepared = isPrepared & ~RM(i); isAborted = isAborted & ~RM(i); \
                            isCommitted = isCommitted | RM(i)
#define BECOME_ABORTED(i) isPrepared = isPrepared & ~RM(i); isCommitted = isCommitted & ~RM(i); \
                          isAborted = isAborted | RM(i)

#define TC_CONSISTENT assert(isCommitted == 0 || isAborted == 0)

/* The five actions of TPNext that take an RM, for RM i, in TwoPhase.tla's order. */
#define RM_STEPS(i) \
  :: d_step { tm == TM_INIT && (sentPrepared & RM(i)) -> /* TMRcvPrepared(i) */ \
       tmPrepared = tmPrepared | RM(i); TC_CONSISTENT } \
  :: d_step { WORKING(i) -> /* RMPrepare(i) */ \
       BECOME_PREPARED(i); sentPrepared = sentPrepared | RM(i); TC_CONSISTENT } \
  :: d_step { WORKING(i) -> /* RMChooseToAbort(i) */ \
       BECOME_ABORTED(i); TC_CONSISTENT } \
  :: d_step { sentCommit -> /* RMRcvCommitMsg(i): enabled again once committed, a self-loop */ \
       BECOME_COMMITTED(i); TC_CONSISTENT } \
  :: d_step { sentAbort -> /* RMRcvAbortMsg(i) */ \
       BECOME_ABORTED(i); TC_CONSISTENT }

active proctype TwoPhase()
{
end:  /* a state where nothing is enabled (every RM decided) is a valid end, not a deadlock */
  do
  :: d_step { tm == TM_INIT && tmPrepared == ALL_RMS -> /* TMCommit */
       tm = TM_COMMITTED; sentCommit = 1; TC_CONSISTENT }
  :: d_step { tm == TM_INIT -> /* TMAbort */
       tm = TM_ABORTED; sentAbort = 1; TC_CONSISTENT }
  RM_STEPS(0)
#if N > 1
  RM_STEPS(1)
#endif
#if N > 2
  RM_STEPS(2)
#endif
#if N > 3
  RM_STEPS(3)
#endif
#if N > 4
  RM_STEPS(4)
#endif
#if N > 5
  RM_STEPS(5)
#endif
#if N > 6
  RM_STEPS(6)
#endif
#if N > 7
  RM_STEPS(7)
#endif
#if N > 8
  RM_STEPS(8)
#endif
#if N > 9
  RM_STEPS(9)
#endif
#if N > 10
  RM_STEPS(10)
#endif
#if N > 11
  RM_STEPS(11)
#endif
  od
}
